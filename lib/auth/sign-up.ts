import 'server-only';
import { CONFIRMATION_TTL_S, confirmationToken, confirmationUrl, openConfirmationToken } from '@/lib/auth/email-confirmation';
import { sendPasswordResetEmail, sendResetLink } from '@/lib/auth/password-reset';
import { getResetTarget } from '@/lib/dal/password-resets';
import { confirmEmail, getConfirmationTarget, getUnconfirmedAccount, registerPasswordSignUp } from '@/lib/dal/sign-ups';
import { siteUrl } from '@/lib/site-url';
import type { Locale } from '@/lib/i18n';
import { hashTag } from '@/lib/jobs/hash-tag';
import type { AccountEmailPayload } from '@/lib/validations/job-payloads';
import { composeConfirmationEmail, composeSignUpAttemptEmail } from '@/lib/mail/account-emails';
import { deliverMail } from '@/lib/mail/transport';
import { consume } from '@/lib/rate-limit';

// Password sign-up with email verification. The reader's answer must not say whether the
// address has an account, so registration does the same thing in every case (it enqueues
// an email, lib/jobs, in the same transaction) and the difference is only in what that
// email says. The job sends it, and retries while the mail server is down. An address whose
// account was imported and never claimed gets the claim link instead (./password-reset.ts).

/** `siteName` and `locale` are the site's, for the email. */
type SignUp = { email: string; name: string; passwordHash: string; callbackUrl: string; siteName: string; locale: Locale };

/**
 * Registers the sign-up and enqueues its email. `mail` is 'limited' when this address had
 * too many account emails lately (per address, so sign-ups from many networks cannot flood
 * one mailbox): the account is still registered, silently, as the answer is the same.
 */
export async function beginPasswordSignUp(input: SignUp): Promise<{ mail: 'queued' | 'limited' }> {
  const allowed = (await consume(['accountMail', input.email])).ok;
  const { callbackUrl, siteName, locale } = input;
  await registerPasswordSignUp(input, (outcome) =>
    !allowed
      ? null
      : outcome.kind === 'existing'
        ? { kind: 'attempt', email: input.email, callbackUrl, siteName, locale }
        : { kind: 'confirm', userId: outcome.userId, hashTag: hashTag(input.passwordHash), name: input.name, callbackUrl, siteName, locale },
  );
  return { mail: allowed ? 'queued' : 'limited' };
}

/** Sends an account email (the account_email job); throws when the mail did not go out, so the job retries. */
export async function sendAccountEmail(job: AccountEmailPayload): Promise<'sent' | 'skipped'> {
  if (job.kind === 'reset') return sendPasswordResetEmail(job);
  if (job.kind === 'attempt') {
    // An account nobody claimed yet (imported, or restored without password hashes): the
    // way forward is its first password, so the email is the claim link, not "sign in".
    const target = await getResetTarget(job.email);
    if (target?.unclaimed) {
      await sendResetLink(target, job);
      return 'sent';
    }
    const signInUrl = siteUrl(`/signin?callbackUrl=${encodeURIComponent(job.callbackUrl)}`);
    await deliverMail({ to: job.email, ...composeSignUpAttemptEmail({ siteName: job.siteName, signInUrl }, job.locale) });
    return 'sent';
  }
  // Read at send time: an address confirmed meanwhile needs no link, and one signed up for
  // again (a new hash) gets the newer sign-up's link from that sign-up's own job.
  const account = await getUnconfirmedAccount(job.userId);
  if (!account || hashTag(account.passwordHash) !== job.hashTag) return 'skipped';
  const url = confirmationUrl(confirmationToken({ userId: account.id, name: job.name, callbackUrl: job.callbackUrl, passwordHash: account.passwordHash }));
  const email = composeConfirmationEmail({ siteName: job.siteName, name: job.name, url, validHours: CONFIRMATION_TTL_S / 3600 }, job.locale);
  await deliverMail({ to: { name: job.name, address: account.email }, ...email });
  return 'sent';
}

/** Why a confirmation link does not work; the dictionary's accountUi.linkProblems says it to the reader. */
export type LinkProblem = 'invalid' | 'expired' | 'confirmed';

export type LinkCheck = { ok: true; email: string; name: string } | { ok: false; problem: LinkProblem };

async function inspect(token: string, now: number) {
  const link = openConfirmationToken(token, now);
  const target = link ? await getConfirmationTarget(link.userId) : null;
  if (!link || !target || !link.matches(target.passwordHash)) return { ok: false as const, problem: 'invalid' as const };
  if (target.confirmed) return { ok: false as const, problem: 'confirmed' as const };
  if (link.expired) return { ok: false as const, problem: 'expired' as const };
  return { ok: true as const, link, target };
}

/** What the confirmation page shows for a link, before anything changes. */
export async function checkConfirmationLink(token: string, now = Date.now()): Promise<LinkCheck> {
  const found = await inspect(token, now);
  return found.ok ? { ok: true, email: found.target.email, name: found.link.name } : found;
}

/** Confirms the address a link was sent to: the account to start a session for, and where to go. */
export async function confirmWithLink(
  token: string,
  now = Date.now(),
): Promise<{ ok: true; user: { id: string; name: string | null; email: string | null; sessionVersion: number }; callbackUrl: string } | { ok: false; problem: LinkProblem }> {
  const found = await inspect(token, now);
  if (!found.ok) return found;
  const { link, target } = found;
  // The hash again in the update: a sign-up in between (a new hash) makes this link void.
  const user = target.passwordHash ? await confirmEmail({ userId: link.userId, passwordHash: target.passwordHash, name: link.name }) : null;
  // Lost a race with another click of the same link, or with a newer sign-up.
  if (!user) return { ok: false, problem: (await getConfirmationTarget(link.userId))?.confirmed ? 'confirmed' : 'invalid' };
  return { ok: true, user, callbackUrl: link.callbackUrl };
}
