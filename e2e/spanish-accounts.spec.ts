import type { Browser, Page } from '@playwright/test';
import { backdateComment, insertHeldComment } from './helpers/comment-rows';
import { commentArticle, openForm, postIdOf, uniqueText } from './helpers/comments';
import { expect, PASSWORD, test, uniqueEmail } from './helpers/fixtures';
import { confirmationPath, nthMail } from './helpers/mail';
import { SEED_PATH, SEED_SLUG, SEED_TITLE, SITE_NAME } from './helpers/site';
import { createUser, signInAs } from './helpers/users';

// The reader's account pages, the server's answers and the emails on a site whose
// language is Spanish, switched as an admin would, on /admin/settings (it applies from the
// next request), and back at the end. The language is site-wide: this spec runs alone,
// after every other one (the 'site-settings' project in playwright.config.ts). The English
// side is every other spec.

/** Sets the site's language through the settings page, as an admin. */
async function setLanguage(browser: Browser, language: 'en' | 'es') {
  const baseURL = String(test.info().project.use.baseURL);
  const context = await browser.newContext({ baseURL });
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL);
  const page = await context.newPage();
  await page.goto('/admin/settings');
  await page.getByLabel('Language').selectOption(language);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await context.close();
}

test.beforeAll(async ({ browser }) => {
  await setLanguage(browser, 'es');
});
test.afterAll(async ({ browser }) => {
  await setLanguage(browser, 'en');
  const signin = await (await fetch(new URL('/signin', String(test.info().project.use.baseURL)))).text();
  expect(signin).toContain('<html lang="en">');
  expect(signin).toContain('>Sign in</h1>');
});

/** The form's announced message: the one live region with text in it. */
const formMessage = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

/** Signs in through a freshly loaded sign-in page (a refusal repeats the same message, so each attempt starts clean). */
async function signIn(page: Page, email: string, password: string) {
  await page.goto('/signin');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill(password);
  await page.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
}

test('signing up: the form and its refusals, the email, the confirmation page, the header', async ({ page, baseURL }) => {
  await page.goto('/signup');
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page).toHaveTitle(`Crear una cuenta | ${SITE_NAME}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Crear una cuenta');
  await expect(page.getByText('Al menos 10 caracteres; que no sea una contraseña común.')).toBeVisible();

  const name = `Lucía Paz ${Math.random().toString(36).slice(2, 8)}`;
  const email = uniqueEmail('lucia');
  const submit = page.getByRole('button', { name: 'Crear cuenta' });
  await page.getByLabel('Nombre').fill(name);
  await page.getByLabel('Correo electrónico').fill('no es un correo');
  await page.getByLabel('Contraseña').fill(PASSWORD);
  await submit.click();
  await expect(formMessage(page)).toHaveText('Revisa los campos marcados.');
  await expect(page.locator('#field-email-error')).toHaveText('Escribe una dirección de correo válida.');

  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña').fill('corta');
  await submit.click();
  await expect(formMessage(page)).toHaveText('Elige una contraseña más segura.');
  await expect(page.locator('#field-password-error')).toHaveText('Usa al menos 10 caracteres.');

  await page.getByLabel('Contraseña').fill(PASSWORD);
  await submit.click();
  await expect(page).toHaveURL(`${baseURL}/signup/check-email`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Revisa tu correo');
  await expect(page.getByRole('status')).toHaveText(
    `Te enviamos un enlace a ${email}. Ábrelo en las próximas 24 horas para confirmar tu dirección y terminar de crear tu cuenta.`,
  );

  const mail = await nthMail(email);
  expect(mail.subject).toBe(`Confirma tu dirección de correo en ${SITE_NAME}`);
  expect(mail.text).toContain(`Hola, ${name}:`);
  expect(mail.text).toContain('El enlace es válido durante 24 horas.');
  await page.goto(confirmationPath(mail));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirma tu correo electrónico');
  await expect(page.getByRole('main')).toContainText(`Confirma ${email} para terminar de crear tu cuenta como ${name}.`);
  await page.getByRole('button', { name: 'Confirmar e iniciar sesión' }).click();

  await expect(page).toHaveURL(`${baseURL}/`);
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name, exact: true })).toHaveAttribute('href', '/profile');
  await header.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(header.getByRole('link', { name: 'Iniciar sesión' })).toBeVisible();

  // The link again, once confirmed: the page says so, in Spanish.
  await page.goto(confirmationPath(mail));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Correo ya confirmado');
});

test('signing in: a wrong password, an unconfirmed address and a new link, the lock and its wait', async ({ page }) => {
  const pending = await createUser({ verified: false });
  await signIn(page, pending.email, PASSWORD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Iniciar sesión');
  await expect(page.getByText('¿Todavía no tienes cuenta?')).toBeVisible();
  await expect(formMessage(page)).toHaveText(`Primero confirma tu correo: abre el enlace que te enviamos a ${pending.email}.`);
  await page.getByRole('button', { name: 'Enviar un enlace nuevo' }).click();
  await expect(page.getByText(`Te enviamos un enlace nuevo a ${pending.email}. Ábrelo en las próximas 24 horas.`)).toBeVisible();
  expect((await nthMail(pending.email)).subject).toBe(`Confirma tu dirección de correo en ${SITE_NAME}`);

  const user = await createUser();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signIn(page, user.email, `contraseña equivocada ${attempt}`);
    await expect(formMessage(page), `attempt ${attempt}`).toHaveText('Ese correo y esa contraseña no coinciden con ninguna cuenta. ¿Olvidaste tu contraseña, o tu cuenta se trajo aquí desde otro sitio (todavía no tiene contraseña)? Usa «¿Olvidaste tu contraseña?» para elegir una.');
  }
  await signIn(page, user.email, PASSWORD);
  await expect(formMessage(page)).toHaveText(/^Demasiados intentos fallidos de iniciar sesión\. Vuelve a intentarlo en 1[45] minutos\.$/);
});

test('without JavaScript a refused sign-in comes back in Spanish too', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '198.18.251.7' } });
  const page = await context.newPage();
  await signIn(page, uniqueEmail('nadie'), 'no es la contraseña');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await expect(formMessage(page)).toHaveText('Ese correo y esa contraseña no coinciden con ninguna cuenta. ¿Olvidaste tu contraseña, o tu cuenta se trajo aquí desde otro sitio (todavía no tiene contraseña)? Usa «¿Olvidaste tu contraseña?» para elegir una.');
  await context.close();
});

test('the profile, and an edit refused because its window closed', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signInAs(context, user, baseURL ?? '');
  await page.goto('/profile');
  await expect(page).toHaveTitle(`Tu perfil | ${SITE_NAME}`);
  await expect(page.getByRole('heading', { level: 2, name: 'Tus comentarios' })).toBeVisible();
  await expect(page.getByText('Todavía no has comentado.')).toBeVisible();
  const field = page.getByLabel('Nombre visible');
  await field.fill('   ');
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(formMessage(page)).toHaveText('Revisa tu nombre.');
  await expect(page.locator('#field-name-error')).toHaveText('Escribe un nombre.');
  await field.fill(`${user.name} Ruiz`);
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(formMessage(page)).toHaveText('Guardado.');

  // A held comment: only its author sees it, with the edit form.
  const body = uniqueText('Opinión pendiente');
  const id = await insertHeldComment(await postIdOf(SEED_SLUG), user.id, body);
  await page.goto(SEED_PATH);
  const article = commentArticle(page, id);
  await expect(article).toContainText('Pendiente de moderación: solo tú puedes ver este comentario.');
  await openForm(article, 'Editar');
  await backdateComment(id, 16);
  const late = `${body}, corregida tarde`;
  await article.getByRole('textbox', { name: 'Editar' }).fill(late);
  await article.getByRole('button', { name: 'Guardar' }).click();
  await expect(article.getByText('Ya pasó el plazo para editar este comentario, así que no se puede cambiar.')).toBeVisible();
  await expect(article.getByRole('textbox', { name: 'Editar' })).toHaveValue(late);

  await page.goto('/profile');
  await expect(page.getByRole('listitem').filter({ hasText: body })).toContainText(`En ${SEED_TITLE}`);
  await expect(page.getByRole('listitem').filter({ hasText: body })).toContainText('pendiente de moderación');
});

test('the comments API and the unsubscribe page answer in Spanish', async ({ page }) => {
  const res = await page.request.post('/api/comments', { data: { postId: 'x', body: 'hola' } });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: 'Inicia sesión para comentar.' });

  await page.goto('/unsubscribe?token=no.valido');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Este enlace para darte de baja no es válido');
  await expect(page.getByRole('link', { name: 'Ir a la página de inicio' })).toBeVisible();
});
