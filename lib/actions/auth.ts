'use server';

import { redirect } from 'next/navigation';
import { emailVerificationOn, resendToken } from '@/lib/auth/email-confirmation';
import { checkPassword, describePasswordProblem, hashPassword, passwordProblem, passwordWorkOrBusy } from '@/lib/auth/password';
import { endSession, startSession } from '@/lib/auth/session';
import { beginPasswordSignUp } from '@/lib/auth/sign-up';
import { createPasswordUser, getCredentials, getViewer, revokeSessions } from '@/lib/dal/users';
import { consume, isBlocked, reset } from '@/lib/rate-limit';
import { clientIp } from '@/lib/request';
import { getSiteContext } from '@/lib/site';
import { authSchemas, safeCallbackPath } from '@/lib/validations/auth';
import type { FormState } from '@/lib/validations/form-state';
import { fieldErrors, formValues } from '@/lib/validations/form-state';
import { answerForm, redirectWithFlash } from '@/lib/form-flash';

// Email-and-password accounts as server actions: plain form posts that work without
// JavaScript, and with it through useActionState. Expected failures come back as data
// with what the reader typed (never the password), in the site's language. With mail
// configured, a sign-up proves its address first (lib/auth/sign-up.ts); without, the
// account is ready at once.

/** Back to the form's page (keeping where the reader is going next) with the answer. */
function answer(page: '/signin' | '/signup', state: NonNullable<FormState>): Promise<FormState> {
  const next = safeCallbackPath(state.values?.callbackUrl ?? null);
  return answerForm(page.slice(1), state, `${page}?callbackUrl=${encodeURIComponent(next)}`);
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['email', 'callbackUrl']);
  const { t } = await getSiteContext();
  const m = t.messages.auth;
  const parsed = authSchemas(t.validation).signIn.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answer('/signin', { message: t.messages.checkFields, fieldErrors: fieldErrors(parsed.error), values });
  const { email, password, callbackUrl } = parsed.data;
  const ip = await clientIp();

  const blocked = await isBlocked(['signInFailAccount', email], ['signInFailIp', ip]);
  if (!blocked.ok) return answer('/signin', { message: m.tooManySignIns(blocked.retryAfterS), values, status: 429 });

  // The same work and the same answer whether or not the email has an account.
  const user = await getCredentials(email);
  const checked = await passwordWorkOrBusy(() => checkPassword(user?.passwordHash ?? null, password));
  if (!checked.ok) return answer('/signin', { message: t.messages.busy(checked.retryAfterS), values, status: 503 });
  if (!checked.value || !user) {
    await consume(['signInFailAccount', email], ['signInFailIp', ip]);
    return answer('/signin', { message: m.badCredentials, values, status: 401 });
  }
  await reset('signInFailAccount', email);
  // Only the right password learns that the account waits for its address to be confirmed.
  if (!user.emailConfirmed && emailVerificationOn()) {
    const address = user.email ?? email;
    return answer('/signin', {
      message: m.confirmFirst(address),
      values: { ...values, resendToken: resendToken(user.id) },
      status: 403,
    });
  }
  await startSession(user);
  redirect(safeCallbackPath(callbackUrl));
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['name', 'email', 'callbackUrl']);
  const { settings, t, locale } = await getSiteContext();
  const m = t.messages.auth;
  const parsed = authSchemas(t.validation).signUp.safeParse(Object.fromEntries(form));
  if (!parsed.success) return answer('/signup', { message: t.messages.checkFields, fieldErrors: fieldErrors(parsed.error), values });
  const { name, email, password, callbackUrl } = parsed.data;
  const weak = passwordProblem(password, email);
  if (weak) return answer('/signup', { message: m.weakPassword, fieldErrors: { password: describePasswordProblem(weak, t.messages.password) }, values });

  const limited = await consume(['signUpIp', await clientIp()]);
  if (!limited.ok) return answer('/signup', { message: m.tooManySignUps(limited.retryAfterS), values, status: 429 });

  const hashed = await passwordWorkOrBusy(() => hashPassword(password));
  if (!hashed.ok) return answer('/signup', { message: t.messages.busy(hashed.retryAfterS), values, status: 503 });
  const passwordHash = hashed.value;
  if (emailVerificationOn()) {
    // The same work and the same answer whether or not the address has an account; the
    // email, a job the worker sends, is where the cases differ.
    await beginPasswordSignUp({ email, name, passwordHash, callbackUrl: safeCallbackPath(callbackUrl), siteName: settings.siteName, locale });
    return redirectWithFlash('signup-sent', { values: { email } }, '/signup/check-email');
  }
  const user = await createPasswordUser({ email, name, passwordHash });
  if (!user) {
    return answer('/signup', {
      message: m.emailUnavailable,
      fieldErrors: { email: m.emailUnavailableField },
      values,
      status: 409,
    });
  }
  await startSession(user);
  redirect(safeCallbackPath(callbackUrl));
}

export async function signOutAction(form: FormData): Promise<void> {
  await endSession();
  const back = form.get('callbackUrl');
  redirect(safeCallbackPath(typeof back === 'string' ? back : null));
}

/**
 * Ends every session of the viewer's account, this one included (a plain form post on the
 * profile page), and goes to the sign-in page, which says so.
 */
export async function signOutEverywhereAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeSessions(viewer.id);
  await endSession();
  const { t } = await getSiteContext();
  await redirectWithFlash('signin', { message: t.profileUi.signedOutEverywhere }, '/signin');
}
