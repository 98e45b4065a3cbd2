// @ts-check
import { LRUCache } from 'lru-cache';
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

// Decoding a cookie derives its key (HKDF) and decrypts it (JWE): the most CPU a signed-in
// page served from the shell spends besides writing it (server/reader-pages.mjs). A cookie
// once decoded is kept, by its exact value and secret, until its own expiry: a hit is that
// same cookie, checked before, so it is taken as it was. Forged or expired values are never
// kept. Bounded by bytes (a cookie is ~0.5 kB).
/** @type {LRUCache<string, { secret: string, session: Session, expiresAt: number }>} */
const decoded = new LRUCache({ maxSize: 2 * 1024 * 1024, sizeCalculation: (entry, raw) => 2 * raw.length + 128 });

/**
 * The session a raw session cookie value carries, or null (missing, forged, expired).
 * @param {string | undefined} raw @param {string} secret @param {() => number} [now]
 * @returns {Promise<Session | null>}
 */
export async function decodeSessionToken(raw, secret, now = Date.now) {
  if (!raw) return null;
  const kept = decoded.get(raw);
  if (kept && kept.secret === secret && kept.expiresAt > now()) return kept.session;
  try {
    const token = await decode({ token: raw, secret });
    if (typeof token?.sub !== 'string') return null;
    // Cookies made before auth_time existed: their issue time, the best there is.
    const at = typeof token.auth_time === 'number' ? token.auth_time : token.iat;
    const version = Number.isSafeInteger(token.sv) ? /** @type {number} */ (token.sv) : 0;
    const session = { userId: token.sub, signedInAt: typeof at === 'number' ? at : null, version };
    if (typeof token.exp === 'number') decoded.set(raw, { secret, session, expiresAt: token.exp * 1000 });
    return session;
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
