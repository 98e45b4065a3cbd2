'use server';

import { redirect } from 'next/navigation';
import { emailVerificationOn } from '@/lib/auth/email-confirmation';
import { describePasswordProblem, passwordProblem, passwordWorkOrBusy } from '@/lib/auth/password';
import { completePasswordReset, requestPasswordReset } from '@/lib/auth/password-reset';
import { startSession } from '@/lib/auth/session';
import { getResetLink } from '@/lib/dal/password-resets';
import { answerForm } from '@/lib/form-flash';
import { consume, reset } from '@/lib/rate-limit';
import { clientIp } from '@/lib/request';
import { getSiteContext } from '@/lib/site';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';
import { passwordResetSchemas } from '@/lib/validations/password-reset';

// "Forgot your password?" and the form its emailed link opens, as plain form posts that
// work without JavaScript (lib/form-flash.ts). Nobody is signed in for either: the link's
// token is the proof. The token never goes into a flash (a database row): the page reads
// it from its own address.

const FORGOT_PAGE = '/password/forgot';

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['email']);
  const { settings, t, locale } = await getSiteContext();
  const ui = t.passwordResetUi;
  const back = (state: NonNullable<FormState>) => answerForm('forgot-password', { ...state, values }, FORGOT_PAGE);
  if (!emailVerificationOn()) return back({ message: ui.forgot.noMail, status: 503 });
  const parsed = passwordResetSchemas(t.validation).forgot.safeParse({ email: form.get('email') ?? '' });
  if (!parsed.success) return back({ message: t.messages.checkFields, fieldErrors: fieldErrors(parsed.error), status: 400 });
  const { email } = parsed.data;
  const taken = await requestPasswordReset({ email, ip: await clientIp(), siteName: settings.siteName, locale });
  if (!taken.ok) return back({ message: ui.messages.tooMany(taken.retryAfterS), status: 429 });
  // The same answer whether or not the address has an account.
  return back({ message: ui.messages.sent(email), ok: true });
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const { t } = await getSiteContext();
  const ui = t.passwordResetUi;
  const parsed = passwordResetSchemas(t.validation).reset.safeParse({ token: form.get('token') ?? '', password: form.get('password') ?? '' });
  const token = parsed.success ? parsed.data.token : null;
  const back = (state: NonNullable<FormState>) => answerForm('reset-password', state, token ? `/password/reset?token=${token}` : '/password/reset');
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    if (errors.token) return back({ message: ui.linkProblems.invalid.text, status: 400 });
    return back({ message: t.messages.checkFields, fieldErrors: errors, status: 400 });
  }
  const { password } = parsed.data;

  const link = await getResetLink(parsed.data.token);
  if (!link.ok) return back({ message: ui.linkProblems[link.problem].text, status: link.problem === 'invalid' ? 400 : 410 });
  const weak = passwordProblem(password, link.email);
  if (weak) return back({ message: ui.messages.weakPassword, fieldErrors: { password: describePasswordProblem(weak, t.messages.password) }, status: 400 });

  // Each attempt costs an argon2 hash.
  const limited = await consume(['passwordSetIp', await clientIp()]);
  if (!limited.ok) return back({ message: ui.messages.tooMany(limited.retryAfterS), status: 429 });

  const work = await passwordWorkOrBusy(() => completePasswordReset(parsed.data.token, password));
  if (!work.ok) return back({ message: t.messages.busy(work.retryAfterS), status: 503 });
  const done = work.value;
  if (!done.ok) return back({ message: ui.linkProblems[done.problem].text, status: done.problem === 'invalid' ? 400 : 410 });
  // The owner is back in: earlier failed sign-ins no longer hold the address.
  await reset('signInFailAccount', link.email);
  await startSession(done.user);
  redirect('/profile');
}
