// @ts-check
import { decode } from 'next-auth/jwt';

// The session cookie's meaning, independent of Next: lib/auth/session.ts reads it for the
// app, the production server for signed-in pages it serves itself (server/reader-pages.mjs).

/**
 * `version`: the account's session version when the session began (`sv`; 0 in tokens made
 * before it existed). A session whose version is not the account's is over.
 * @typedef {{ userId: string, signedInAt: number | null, version: number }} Session
 */

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
    const version = Number.isSafeInteger(token.sv) ? /** @type {number} */ (token.sv) : 0;
    return { userId: token.sub, signedInAt: typeof at === 'number' ? at : null, version };
  } catch {
    return null;
  }
}

/**
 * Whether a session of the account is over: it was revoked (the account's session version
 * moved on: signing out everywhere, a password reset, a ban, a role change; see
 * lib/dal/users.ts revokeSessions), or it began before the account's address was confirmed
 * (lib/dal/sign-ups.ts; sessions from before that, perhaps someone else's, end there).
 * @param {Session} session @param {{ emailVerified: Date | null, sessionVersion: number }} account
 */
export function sessionSuperseded(session, { emailVerified, sessionVersion }) {
  if (session.version !== sessionVersion) return true;
  // A session of unknown start survives a confirmation (as always).
  if (session.signedInAt === null) return false;
  return emailVerified !== null && session.signedInAt * 1000 < emailVerified.getTime() - CONFIRMATION_SLACK_MS;
}
