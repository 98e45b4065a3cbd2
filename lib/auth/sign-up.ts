import 'server-only';
import { CONFIRMATION_TTL_S, confirmationToken, confirmationUrl, openConfirmationToken } from '@/lib/auth/email-confirmation';
import { confirmEmail, getConfirmationTarget, registerPasswordSignUp } from '@/lib/dal/sign-ups';
import { siteUrl } from '@/lib/env';
import type { Locale } from '@/lib/i18n';
import { composeConfirmationEmail, composeSignUpAttemptEmail } from '@/lib/mail/account-emails';
import { sendMail } from '@/lib/mail/transport';
import { consume } from '@/lib/rate-limit';

// Password sign-up with email verification. The reader's answer must not say whether the
// address has an account, so registration returns the same thing in every case (a mail
// to deliver after the response) and the difference is only in what that mail says.

export type AccountMailResult = 'sent' | 'limited' | 'failed';

/** `siteName` and `locale` are the site's, for the email. */
type SignUp = { email: string; name: string; passwordHash: string; callbackUrl: string; siteName: string; locale: Locale };

/** Registers the sign-up; the result is the email to send, after the response. */
export async function beginPasswordSignUp(input: SignUp): Promise<{ deliver: () => Promise<AccountMailResult> }> {
  const outcome = await registerPasswordSignUp(input);
  const deliver = async (): Promise<AccountMailResult> => {
    // Per address, so sign-ups from many networks cannot flood one mailbox; silent, as the answer was given.
    if (!(await consume(['accountMail', input.email])).ok) return 'limited';
    if (outcome.kind === 'existing') {
      const signInUrl = siteUrl(`/signin?callbackUrl=${encodeURIComponent(input.callbackUrl)}`);
      return (await sendMail({ to: input.email, ...composeSignUpAttemptEmail({ siteName: input.siteName, signInUrl }, input.locale) })) ? 'sent' : 'failed';
    }
    return sendConfirmationLink({ ...input, userId: outcome.userId });
  };
  return { deliver: () => deliver().catch(logFailure) };
}

/** Emails a link that confirms the address of the unconfirmed account `userId`. */
export async function sendConfirmationLink(c: SignUp & { userId: string }): Promise<AccountMailResult> {
  const url = confirmationUrl(confirmationToken(c));
  const email = composeConfirmationEmail({ siteName: c.siteName, name: c.name, url, validHours: CONFIRMATION_TTL_S / 3600 }, c.locale);
  return (await sendMail({ to: { name: c.name, address: c.email }, ...email })) ? 'sent' : 'failed';
}

function logFailure(error: unknown): AccountMailResult {
  // One line: the mail runs after the response, where a throw would only be noise.
  const cause = (error instanceof Error ? error.message : String(error)).trim().split('\n').at(-1)?.trim();
  console.error(`sign-up: email not sent: ${cause}`);
  return 'failed';
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
): Promise<{ ok: true; user: { id: string; name: string | null; email: string | null }; callbackUrl: string } | { ok: false; problem: LinkProblem }> {
  const found = await inspect(token, now);
  if (!found.ok) return found;
  const { link, target } = found;
  // The hash again in the update: a sign-up in between (a new hash) makes this link void.
  const user = target.passwordHash ? await confirmEmail({ userId: link.userId, passwordHash: target.passwordHash, name: link.name }) : null;
  // Lost a race with another click of the same link, or with a newer sign-up.
  if (!user) return { ok: false, problem: (await getConfirmationTarget(link.userId))?.confirmed ? 'confirmed' : 'invalid' };
  return { ok: true, user, callbackUrl: link.callbackUrl };
}
