'use server';

import { z } from 'zod';
import { verifyResendToken } from '@/lib/auth/email-confirmation';
import { startSession } from '@/lib/auth/session';
import { confirmWithLink } from '@/lib/auth/sign-up';
import { signedTokenSchema } from '@/lib/auth/signed-token';
import { enqueueConfirmationEmail, getUnconfirmedAccount } from '@/lib/dal/sign-ups';
import { hashTag } from '@/lib/jobs/hash-tag';
import { consume } from '@/lib/rate-limit';
import { safeCallbackPath } from '@/lib/validations/auth';
import { formAction } from './form-action';

// The two forms of email verification, through formAction: "Confirm" on the page the
// emailed link opens (a click, never the GET: mail scanners open links), and "Send a new
// link" on the sign-in page after the right password for an unconfirmed account. Plain
// form posts first.

const confirmSchema = z.object({ token: signedTokenSchema });

/** Back to the page, which says the same for this link (and how to get a new one). */
function confirmPage(form: FormData): string {
  const parsed = confirmSchema.safeParse({ token: form.get('token') });
  return parsed.success ? `/signup/confirm?token=${parsed.data.token}` : '/signup/confirm';
}

export const confirmEmailAction = formAction(
  { key: 'confirm-email', back: confirmPage, schema: confirmSchema, input: (form) => ({ token: form.get('token') }), invalid: (t) => t.accountUi.linkProblems.invalid.text },
  async ({ input, t }) => {
    const result = await confirmWithLink(input.token);
    if (!result.ok) return { ok: false, message: t.accountUi.linkProblems[result.problem].text, status: 400 };
    await startSession(result.user);
    return { ok: true, then: { redirect: result.callbackUrl } };
  },
);

const resendSchema = z.object({ resendToken: signedTokenSchema, callbackUrl: z.string().max(2000).optional() });
const resendInput = (form: FormData) => ({ resendToken: form.get('resendToken'), callbackUrl: form.get('callbackUrl') ?? undefined });

function signInPage(form: FormData): string {
  const callbackUrl = safeCallbackPath(resendSchema.safeParse(resendInput(form)).data?.callbackUrl);
  return `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
}

export const resendConfirmationAction = formAction(
  { key: 'signin', back: signInPage, schema: resendSchema, input: resendInput, invalid: (t) => t.messages.auth.resendExpired },
  async ({ input, site: { settings, t, locale } }) => {
    const m = t.messages.auth;
    const callbackUrl = safeCallbackPath(input.callbackUrl);
    const userId = verifyResendToken(input.resendToken);
    if (!userId) return { ok: false, message: m.resendExpired, status: 400 };
    const account = await getUnconfirmedAccount(userId);
    if (!account) return { ok: false, message: m.alreadyConfirmed, status: 409 };

    const values = { email: account.email, callbackUrl };
    const limited = await consume(['accountMail', account.email]);
    if (!limited.ok) return { ok: false, message: m.tooManyLinks(limited.retryAfterS), values: { ...values, resendToken: input.resendToken }, status: 429 };
    const name = account.name ?? t.accountUi.defaultName;
    await enqueueConfirmationEmail({ kind: 'confirm', userId: account.id, hashTag: hashTag(account.passwordHash), name, callbackUrl, siteName: settings.siteName, locale });
    return { ok: true, then: { answer: { ok: true, message: m.linkSent(account.email), values } } };
  },
);
