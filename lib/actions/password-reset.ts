'use server';

import { emailVerificationOn } from '@/lib/auth/email-confirmation';
import { describePasswordProblem, passwordProblem } from '@/lib/auth/password';
import { passwordWorkOrBusy } from '@/lib/auth/password-work';
import { completePasswordReset, requestPasswordReset } from '@/lib/auth/password-reset';
import { startSession } from '@/lib/auth/session';
import { getResetLink } from '@/lib/dal/password-resets';
import { consume, reset } from '@/lib/rate-limit';
import { clientIp } from '@/lib/request';
import { passwordResetSchemas, resetTokenSchema } from '@/lib/validations/password-reset';
import { formAction } from './form-action';

// "Forgot your password?" and the form its emailed link opens, through formAction (plain
// form posts that work without JavaScript). Nobody is signed in for either: the link's
// token is the proof. The token never goes into a flash (a database row): the page reads
// it from its own address.

export const forgotPasswordAction = formAction(
  { key: 'forgot-password', back: '/password/forgot', keep: ['email'], schema: (t) => passwordResetSchemas(t.validation).forgot, input: (form) => ({ email: form.get('email') ?? '' }) },
  async ({ input: { email }, values, site: { settings, t, locale } }) => {
    const ui = t.passwordResetUi;
    if (!emailVerificationOn()) return { ok: false, message: ui.forgot.noMail, status: 503 };
    const taken = await requestPasswordReset({ email, ip: await clientIp(), siteName: settings.siteName, locale });
    if (!taken.ok) return { ok: false, message: ui.messages.tooMany(taken.retryAfterS), status: 429 };
    // The same answer whether or not the address has an account.
    return { ok: true, then: { answer: { ok: true, message: ui.messages.sent(email), values } } };
  },
);

function resetPage(form: FormData): string {
  const token = resetTokenSchema.safeParse(form.get('token') ?? '');
  return token.success ? `/password/reset?token=${token.data}` : '/password/reset';
}

export const resetPasswordAction = formAction(
  {
    key: 'reset-password',
    back: resetPage,
    schema: (t) => passwordResetSchemas(t.validation).reset,
    input: (form) => ({ token: form.get('token') ?? '', password: form.get('password') ?? '' }),
    // A bad token is the link's fault, not a field's.
    invalid: (t, errors) => (errors.token ? t.passwordResetUi.linkProblems.invalid.text : t.messages.checkFields),
  },
  async ({ input: { token, password }, t }) => {
    const ui = t.passwordResetUi;
    const link = await getResetLink(token);
    if (!link.ok) return { ok: false, message: ui.linkProblems[link.problem].text, status: link.problem === 'invalid' ? 400 : 410 };
    const weak = passwordProblem(password, link.email);
    if (weak) return { ok: false, message: ui.messages.weakPassword, fieldErrors: { password: describePasswordProblem(weak, t.messages.password) }, status: 400 };

    // Each attempt costs an argon2 hash.
    const limited = await consume(['passwordSetIp', await clientIp()]);
    if (!limited.ok) return { ok: false, message: ui.messages.tooMany(limited.retryAfterS), status: 429 };

    const work = await passwordWorkOrBusy(() => completePasswordReset(token, password));
    if (!work.ok) return { ok: false, message: t.messages.busy(work.retryAfterS), status: 503 };
    const done = work.value;
    if (!done.ok) return { ok: false, message: ui.linkProblems[done.problem].text, status: done.problem === 'invalid' ? 400 : 410 };
    // The owner is back in: earlier failed sign-ins no longer hold the address.
    await reset('signInFailAccount', link.email);
    await startSession(done.user);
    return { ok: true, then: { redirect: '/profile' } };
  },
);
