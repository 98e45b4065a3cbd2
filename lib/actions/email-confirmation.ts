'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { verifyResendToken } from '@/lib/auth/email-confirmation';
import { startSession } from '@/lib/auth/session';
import { confirmWithLink } from '@/lib/auth/sign-up';
import { signedTokenSchema } from '@/lib/auth/signed-token';
import { enqueueConfirmationEmail, getUnconfirmedAccount } from '@/lib/dal/sign-ups';
import { answerForm } from '@/lib/form-flash';
import { hashTag } from '@/lib/jobs/hash-tag';
import { consume } from '@/lib/rate-limit';
import { getSiteContext } from '@/lib/site';
import { safeCallbackPath } from '@/lib/validations/auth';
import type { FormState } from '@/lib/validations/form-state';

// The two forms of email verification: "Confirm" on the page the emailed link opens (a
// click, never the GET: mail scanners open links), and "Send a new link" on the sign-in
// page after the right password for an unconfirmed account. Plain form posts first.

const confirmSchema = z.object({ token: signedTokenSchema });

export async function confirmEmailAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = confirmSchema.safeParse({ token: form.get('token') });
  const result = parsed.success ? await confirmWithLink(parsed.data.token) : ({ ok: false, problem: 'invalid' } as const);
  if (!result.ok) {
    // Back to the page, which says the same for this link (and how to get a new one).
    const to = parsed.success ? `/signup/confirm?token=${parsed.data.token}` : '/signup/confirm';
    const { t } = await getSiteContext();
    return answerForm('confirm-email', { message: t.accountUi.linkProblems[result.problem].text, status: 400 }, to);
  }
  await startSession(result.user);
  redirect(result.callbackUrl);
}

const resendSchema = z.object({ resendToken: signedTokenSchema, callbackUrl: z.string().max(2000).optional() });

export async function resendConfirmationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = resendSchema.safeParse({ resendToken: form.get('resendToken'), callbackUrl: form.get('callbackUrl') ?? undefined });
  const callbackUrl = safeCallbackPath(parsed.data?.callbackUrl);
  const back = (state: NonNullable<FormState>) => answerForm('signin', state, `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const { settings, t, locale } = await getSiteContext();
  const m = t.messages.auth;

  const userId = parsed.success ? verifyResendToken(parsed.data.resendToken) : null;
  if (!userId) return back({ message: m.resendExpired, status: 400 });
  const account = await getUnconfirmedAccount(userId);
  if (!account) return back({ message: m.alreadyConfirmed, status: 409 });

  const values = { email: account.email, callbackUrl };
  const limited = await consume(['accountMail', account.email]);
  if (!limited.ok) {
    return back({ message: m.tooManyLinks(limited.retryAfterS), values: { ...values, resendToken: parsed.data?.resendToken ?? '' }, status: 429 });
  }
  const name = account.name ?? t.accountUi.defaultName;
  await enqueueConfirmationEmail({ kind: 'confirm', userId: account.id, hashTag: hashTag(account.passwordHash), name, callbackUrl, siteName: settings.siteName, locale });
  return back({ message: m.linkSent(account.email), values, ok: true });
}
