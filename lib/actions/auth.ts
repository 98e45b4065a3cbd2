'use server';

import { redirect } from 'next/navigation';
import { emailVerificationOn, resendToken } from '@/lib/auth/email-confirmation';
import { checkPassword, describePasswordProblem, hashPassword, passwordProblem } from '@/lib/auth/password';
import { passwordWorkOrBusy } from '@/lib/auth/password-work';
import { endSession, startSession } from '@/lib/auth/session';
import { beginPasswordSignUp } from '@/lib/auth/sign-up';
import { createPasswordUser, getCredentials, getViewer, revokeSessions } from '@/lib/dal/users';
import { consume, isBlocked, reset } from '@/lib/rate-limit';
import { redirectWithFlash } from '@/lib/form-flash';
import { clientIp } from '@/lib/request';
import { getSiteContext } from '@/lib/site';
import { authSchemas, safeCallbackPath } from '@/lib/validations/auth';
import { formAction, type Outcome } from './form-action';

// Email-and-password accounts as server actions through formAction: plain form posts that
// work without JavaScript, and with it through useActionState. Expected failures come back
// as data with what the reader typed (never the password), in the site's language. With
// mail configured, a sign-up proves its address first (lib/auth/sign-up.ts); without, the
// account is ready at once.

/** Back to the form's page, keeping where the reader is going next. */
const backTo = (page: '/signin' | '/signup') => (form: FormData) => {
  const next = form.get('callbackUrl');
  return `${page}?callbackUrl=${encodeURIComponent(safeCallbackPath(typeof next === 'string' ? next : null))}`;
};

export const signInAction = formAction(
  { key: 'signin', back: backTo('/signin'), keep: ['email', 'callbackUrl'], schema: (t) => authSchemas(t.validation).signIn },
  async ({ input: { email, password, callbackUrl }, values, t }) => {
    const m = t.messages.auth;
    const ip = await clientIp();
    const blocked = await isBlocked(['signInFailAccount', email], ['signInFailIp', ip]);
    if (!blocked.ok) return { ok: false, message: m.tooManySignIns(blocked.retryAfterS), status: 429 };

    // The same work and the same answer whether or not the email has an account.
    const user = await getCredentials(email);
    const checked = await passwordWorkOrBusy(() => checkPassword(user?.passwordHash ?? null, password));
    if (!checked.ok) return { ok: false, message: t.messages.busy(checked.retryAfterS), status: 503 };
    if (!checked.value || !user) {
      await consume(['signInFailAccount', email], ['signInFailIp', ip]);
      return { ok: false, message: m.badCredentials, status: 401 };
    }
    await reset('signInFailAccount', email);
    // Only the right password learns that the account waits for its address to be confirmed.
    if (!user.emailConfirmed && emailVerificationOn()) {
      return { ok: false, message: m.confirmFirst(user.email ?? email), values: { ...values, resendToken: resendToken(user.id) }, status: 403 };
    }
    await startSession(user);
    return { ok: true, then: { redirect: safeCallbackPath(callbackUrl) } };
  },
);

export const signUpAction = formAction(
  { key: 'signup', back: backTo('/signup'), keep: ['name', 'email', 'callbackUrl'], schema: (t) => authSchemas(t.validation).signUp },
  async ({ input: { name, email, password, callbackUrl }, site: { settings, t, locale } }): Promise<Outcome> => {
    const m = t.messages.auth;
    const weak = passwordProblem(password, email);
    if (weak) return { ok: false, message: m.weakPassword, fieldErrors: { password: describePasswordProblem(weak, t.messages.password) } };

    const limited = await consume(['signUpIp', await clientIp()]);
    if (!limited.ok) return { ok: false, message: m.tooManySignUps(limited.retryAfterS), status: 429 };

    const hashed = await passwordWorkOrBusy(() => hashPassword(password));
    if (!hashed.ok) return { ok: false, message: t.messages.busy(hashed.retryAfterS), status: 503 };
    const passwordHash = hashed.value;
    if (emailVerificationOn()) {
      // The same work and the same answer whether or not the address has an account; the
      // email, a job the worker sends, is where the cases differ.
      await beginPasswordSignUp({ email, name, passwordHash, callbackUrl: safeCallbackPath(callbackUrl), siteName: settings.siteName, locale });
      return { ok: true, then: { flash: { key: 'signup-sent', state: { values: { email } }, to: '/signup/check-email' } } };
    }
    const user = await createPasswordUser({ email, name, passwordHash });
    if (!user) return { ok: false, message: m.emailUnavailable, fieldErrors: { email: m.emailUnavailableField }, status: 409 };
    await startSession(user);
    return { ok: true, then: { redirect: safeCallbackPath(callbackUrl) } };
  },
);

/** Signing out needs no check: anyone may end their own session. */
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
