import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getDictionary } from '../../lib/i18n';
import { authSchemas } from '../../lib/validations/auth';
import { commentSchemas } from '../../lib/validations/comments';
import { fieldErrors } from '../../lib/validations/form-state';

// What the server says to a reader on a Spanish site, rendered the way the server actions
// and the comment service render it: zod field errors from the schemas built for the
// language, password problems, next-auth's error codes, and the account emails.

const es = getDictionary('es');
const en = getDictionary('en');

function errorsOf(result: { success: boolean; error?: Parameters<typeof fieldErrors>[0] }) {
  assert.equal(result.success, false);
  return result.error ? fieldErrors(result.error) : {};
}

test('the sign-up schema answers in the language it was built for, and is built once per language', () => {
  const input = { name: '', email: 'not an address', password: 'x'.repeat(1001) };
  assert.deepEqual(errorsOf(authSchemas(es.validation).signUp.safeParse(input)), {
    name: 'Escribe un nombre.',
    email: 'Escribe una dirección de correo válida.',
    password: 'Esa contraseña es demasiado larga.',
  });
  assert.deepEqual(errorsOf(authSchemas(en.validation).signUp.safeParse(input)), {
    name: 'Enter a name.',
    email: 'Enter a valid email address.',
    password: 'That password is too long.',
  });
  assert.equal(authSchemas(es.validation), authSchemas(es.validation));
  assert.deepEqual(errorsOf(authSchemas(es.validation).profile.safeParse({ name: 'a'.repeat(51) })), { name: 'Usa como máximo 50 caracteres.' });
});

test('comment field errors in Spanish', () => {
  const { newComment, report } = commentSchemas(es.validation);
  assert.deepEqual(errorsOf(newComment.safeParse({ postId: 'x', body: ' ' })), {
    postId: 'El identificador no es válido.',
    body: 'Escribe un comentario.',
  });
  assert.equal(errorsOf(newComment.safeParse({ postId: 'a'.repeat(25), body: 'b'.repeat(5001) })).body, 'Escribe menos de 5000 caracteres.');
  assert.equal(errorsOf(commentSchemas(en.validation).newComment.safeParse({ postId: 'a'.repeat(25), body: 'b'.repeat(5001) })).body, 'Keep it under 5,000 characters.');
  assert.equal(errorsOf(report.safeParse({ commentId: 'a'.repeat(25), reason: 'r'.repeat(501) })).reason, 'Escribe el motivo en menos de 500 caracteres.');
});

test('password problems in Spanish', async () => {
  const { describePasswordProblem, passwordProblem } = await import('../../lib/auth/password');
  const say = (password: string, email = 'lucia@example.test') => {
    const problem = passwordProblem(password, email);
    return problem && describePasswordProblem(problem, es.messages.password);
  };
  assert.equal(say('corta'), 'Usa al menos 10 caracteres.');
  assert.equal(say('password123'), 'Esta contraseña es una de las más comunes. Elige otra.');
  assert.equal(say('lucia-la-mejor-2024'), 'No uses tu dirección de correo en la contraseña.');
  assert.equal(say('abababababab'), 'Usa más caracteres distintos.');
  assert.equal(say('caballo correcto batería grapa'), null);
});

test('next-auth error codes on the sign-in page, in Spanish; unknown codes get the generic sentence', async () => {
  const { signInErrorText } = await import('../../lib/auth/callback');
  const errors = es.messages.auth.providerErrors;
  assert.equal(signInErrorText({ error: 'OAuthAccountNotLinked' }, errors), 'Ya existe una cuenta con este correo. Inicia sesión con tu contraseña.');
  assert.equal(signInErrorText({ error: 'Nonsense' }, errors), 'No se pudo iniciar sesión. Inténtalo de nuevo.');
  assert.equal(signInErrorText({ error: 'constructor' }, errors), 'No se pudo iniciar sesión. Inténtalo de nuevo.');
  assert.equal(signInErrorText({}, errors), undefined);
});

test('the account emails in Spanish, values escaped in the HTML', async () => {
  const { composeConfirmationEmail, composeSignUpAttemptEmail } = await import('../../lib/mail/account-emails');
  const url = 'https://blog.example/signup/confirm?token=a.b';
  const confirm = composeConfirmationEmail({ siteName: 'Mi <Blog>', name: 'Lucía', url, validHours: 24 }, 'es');
  assert.equal(confirm.subject, 'Confirma tu dirección de correo en Mi <Blog>');
  assert.match(confirm.text, /^Hola, Lucía:\n/);
  assert.ok(confirm.text.includes(`\n${url}\n`));
  assert.ok(confirm.text.includes('El enlace es válido durante 24 horas.'));
  assert.ok(confirm.html.includes('<html lang="es">'));
  assert.ok(confirm.html.includes('crear tu cuenta en Mi &#60;Blog&#62;:'), confirm.html);
  const attempt = composeSignUpAttemptEmail({ siteName: 'Mi Blog', signInUrl: 'https://blog.example/signin' }, 'es');
  assert.equal(attempt.subject, 'Tu cuenta en Mi Blog');
  assert.ok(attempt.text.includes('Si fuiste tú, inicia sesión: https://blog.example/signin'));
  assert.ok(attempt.html.includes('Si fuiste tú, <a href="https://blog.example/signin">inicia sesión</a>.'));
});

test('the reply email in Spanish', async () => {
  const { composeReplyEmail } = await import('../../lib/mail/reply-email');
  const mail = composeReplyEmail(
    { recipientName: null, replierName: null, postTitle: 'Hola  mundo', excerpt: '¡Gracias!', replyUrl: 'https://b.example/r', unsubscribeUrl: 'https://b.example/u' },
    'es',
  );
  assert.equal(mail.subject, 'Nueva respuesta a tu comentario en «Hola mundo»');
  assert.match(mail.text, /^Hola:\n\nAlguien respondió a tu comentario en «Hola mundo»:/);
  assert.ok(mail.text.includes('Leer la respuesta: https://b.example/r'));
  assert.ok(mail.text.includes('Dejar de recibir avisos de respuestas: https://b.example/u'));
});
