import 'server-only';
import { z } from 'zod';
import { openToken, signToken } from '@/lib/auth/signed-token';
import { siteUrl } from '@/lib/site-url';
import { mailTransport } from '@/lib/mail/transport';
import { displayNameSchema, safeCallbackPath } from '@/lib/validations/auth';

// The links of email verification (password sign-up with mail configured).
// - Confirmation: who, the name chosen at sign-up, where to go afterwards; valid 24 hours
//   and bound to the account's password hash, so a newer sign-up for the address (which
//   replaces the hash) kills every older link.
// - Resend: handed to a reader who just gave the right password to an unconfirmed
//   account, so the "send a new link" form needs no password; valid 30 minutes.

export const CONFIRMATION_TTL_S = 24 * 60 * 60;
const RESEND_TTL_S = 30 * 60;
const CALLBACK_MAX = 500;

/** Verification is on exactly when mail can be sent; without SMTP, sign-up is immediate. */
export function emailVerificationOn(): boolean {
  return mailTransport() !== null;
}

const userId = z.string().min(1).max(64);
const confirmationPayload = z.object({ u: userId, n: displayNameSchema(), c: z.string().max(CALLBACK_MAX) });
const resendPayload = z.object({ u: userId });

export type Confirmation = { userId: string; name: string; callbackUrl: string };

export function confirmationToken(c: Confirmation & { passwordHash: string }, now = Date.now()): string {
  const callback = safeCallbackPath(c.callbackUrl);
  return signToken('confirm-email', { u: c.userId, n: c.name, c: callback.length <= CALLBACK_MAX ? callback : '/' }, { ttlS: CONFIRMATION_TTL_S, binding: c.passwordHash, now });
}

/** The page the email links to: it asks for a click (mail scanners open links). */
export function confirmationUrl(token: string): string {
  return siteUrl(`/signup/confirm?token=${token}`);
}

export type OpenedConfirmation = Confirmation & {
  expired: boolean;
  /** Whether the link was made for the account's current password hash (and is genuine). */
  matches(passwordHash: string | null): boolean;
};

/** A confirmation token's claims, still to be checked against the account (`matches`); null when malformed. */
export function openConfirmationToken(token: string, now = Date.now()): OpenedConfirmation | null {
  const opened = openToken('confirm-email', token, confirmationPayload, now);
  if (!opened) return null;
  const { u, n, c } = opened.payload;
  return {
    userId: u,
    name: n,
    callbackUrl: safeCallbackPath(c),
    expired: opened.expired,
    matches: (passwordHash) => passwordHash !== null && opened.signedFor(passwordHash),
  };
}

export function resendToken(id: string, now = Date.now()): string {
  return signToken('resend-confirmation', { u: id }, { ttlS: RESEND_TTL_S, now });
}

/** The account a resend token was made for, or null when it is malformed, forged or expired. */
export function verifyResendToken(token: string, now = Date.now()): string | null {
  const opened = openToken('resend-confirmation', token, resendPayload, now);
  return opened && !opened.expired && opened.signedFor() ? opened.payload.u : null;
}
