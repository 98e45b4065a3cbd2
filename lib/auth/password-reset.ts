import 'server-only';
import { hashPassword } from '@/lib/auth/password';
import { createResetToken, enqueueResetEmail, getResetTarget, purgeOldResetTokens, redeemResetToken, type ResetTarget, type UsedReset } from '@/lib/dal/password-resets';
import { siteUrl } from '@/lib/site-url';
import type { Locale } from '@/lib/i18n';
import type { AccountEmailPayload } from '@/lib/validations/job-payloads';
import { composePasswordResetEmail } from '@/lib/mail/account-emails';
import { deliverMail } from '@/lib/mail/transport';
import { consume, type LimitResult } from '@/lib/rate-limit';

// "Forgot your password?", which is also how an imported account (no password, no
// provider: lib/dal/import-people.ts) gets its first password. The answer never says
// whether the address has an account: a request always enqueues the same job with the
// address, and the job, when it runs, finds the account or sends nothing. The link's
// token is made then too, so it is never stored anywhere but in the email (its hash is
// in password_resets).

export const RESET_TTL_S = 60 * 60;

type Request = { email: string; ip: string; siteName: string; locale: Locale; now?: number };

/**
 * Takes a "forgot your password" request. Refused (the reader sees a wait) only by the
 * per-network limit; past the per-address limit it is accepted and sends nothing, as the
 * answer must not differ.
 */
export async function requestPasswordReset({ email, ip, siteName, locale, now = Date.now() }: Request): Promise<LimitResult> {
  const network = await consume(['passwordResetIp', ip]);
  if (!network.ok) return network;
  const mailbox = await consume(['accountMail', email]);
  if (mailbox.ok) await enqueueResetEmail({ kind: 'reset', email, requestedAt: now, siteName, locale });
  return { ok: true };
}

/** The page an emailed link opens (a GET changes nothing; the form's post uses the link). */
export function resetUrl(token: string): string {
  return siteUrl(`/password/reset?token=${token}`);
}

/** Makes a link for `target` and sends it; throws when the mail did not go out (the job retries). */
export async function sendResetLink(target: ResetTarget, job: { siteName: string; locale: Locale }, now = new Date()): Promise<void> {
  await purgeOldResetTokens(now);
  const url = resetUrl(await createResetToken(target.id, RESET_TTL_S, now));
  const email = composePasswordResetEmail({ siteName: job.siteName, name: target.name, url, validMinutes: RESET_TTL_S / 60, claim: target.unclaimed }, job.locale);
  await deliverMail({ to: target.name ? { name: target.name, address: target.email } : target.email, ...email });
}

/** The reset job: a link for the address's account, if it has one that may have it. */
export async function sendPasswordResetEmail(job: Extract<AccountEmailPayload, { kind: 'reset' }>, now = Date.now()): Promise<'sent' | 'skipped'> {
  // A request the mail server held up past the link's lifetime is stale: the reader has
  // asked again or given up, and a link out of the blue would only puzzle them.
  if (now - job.requestedAt > RESET_TTL_S * 1000) return 'skipped';
  const target = await getResetTarget(job.email);
  if (!target) return 'skipped';
  await sendResetLink(target, job, new Date(now));
  return 'sent';
}

/** Sets the password a link was sent for; ends every session of the account; the caller starts a new one. */
export async function completePasswordReset(token: string, password: string, now = new Date()): Promise<UsedReset> {
  return redeemResetToken(token, await hashPassword(password), now);
}
