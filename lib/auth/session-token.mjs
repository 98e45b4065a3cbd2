// @ts-check
import { decode } from 'next-auth/jwt';

// The session cookie's meaning, independent of Next: lib/auth/session.ts reads it for the
// app, the production server for signed-in pages it serves itself (server/reader-pages.mjs).

/** @typedef {{ userId: string, signedInAt: number | null }} Session */

/** The name shown for an account without one. */
export const DEFAULT_READER_NAME = 'Reader';

/** Whoever confirms an address after a session began takes the account over; a little clock slack. */
const CONFIRMATION_SLACK_MS = 5 * 60 * 1000;

/**
 * The session a raw session cookie value carries, or null (missing, forged, expired).
 * @param {string | undefined} raw @param {string} secret @returns {Promise<Session | null>}
 */
export async function decodeSessionToken(raw, secret) {
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret });
    if (typeof token?.sub !== 'string') return null;
    // Cookies made before auth_time existed: their issue time, the best there is.
    const at = typeof token.auth_time === 'number' ? token.auth_time : token.iat;
    return { userId: token.sub, signedInAt: typeof at === 'number' ? at : null };
  } catch {
    return null;
  }
}

/**
 * Whether a session of the account is over: it began before the account's address was
 * confirmed (lib/dal/sign-ups.ts; sessions from before that, perhaps someone else's, end
 * there), or before its sessions were revoked (a password reset, lib/dal/password-resets.ts:
 * no slack there, as every session of that second or earlier ends).
 * @param {Session} session @param {Date | null} emailVerified @param {Date | null} [sessionsRevokedAt]
 */
export function sessionSuperseded(session, emailVerified, sessionsRevokedAt = null) {
  // A session of unknown start survives a confirmation (as always) but not a revocation.
  if (session.signedInAt === null) return sessionsRevokedAt !== null;
  const began = session.signedInAt * 1000;
  if (sessionsRevokedAt !== null && began < sessionsRevokedAt.getTime()) return true;
  return emailVerified !== null && began < emailVerified.getTime() - CONFIRMATION_SLACK_MS;
}
