// @ts-check
import { createHmac, timingSafeEqual } from 'node:crypto';

// The first-admin setup (/setup) in one place for the app and the scripts (npm start,
// npm run setup-link, npm run user): while no admin can sign in, whoever holds the setup
// link creates the first admin. The link's token is derived from AUTH_SECRET, so only
// someone who can read the server's secret (the operator, or `npm start`'s output) has it,
// and a stranger cannot claim a freshly deployed site first.

/** Who "an admin who can sign in" is: an admin, not banned, with a password or a provider account. */
export const SIGNABLE_ADMIN = `role = 'ADMIN' AND banned_at IS NULL
  AND (password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = users.id))`;

export const SIGNABLE_ADMIN_EXISTS_SQL = `SELECT EXISTS (SELECT 1 FROM users WHERE ${SIGNABLE_ADMIN}) AS "exists"`;

/**
 * pg_advisory_xact_lock key taken by everything that creates or demotes an admin, so that
 * two setups (or a setup and a demotion) never both see the same state.
 */
export const ADMIN_LOCK_KEY = 7_117_105_114_101; // 'quire' as char codes

/**
 * The setup token: HMAC-SHA256(AUTH_SECRET, 'quire:setup'), base64url.
 * @param {string} secret
 */
export function setupToken(secret) {
  return createHmac('sha256', secret).update('quire:setup').digest('base64url');
}

/**
 * Whether `token` is the setup token, compared in constant time.
 * @param {unknown} token
 * @param {string} secret
 */
export function isSetupToken(token, secret) {
  if (typeof token !== 'string') return false;
  const expected = Buffer.from(setupToken(secret));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The setup page's address on the site at `siteUrl`.
 * @param {string} siteUrl
 * @param {string} secret
 */
export function setupLink(siteUrl, secret) {
  const url = new URL('/setup', siteUrl);
  url.searchParams.set('token', setupToken(secret));
  return url.toString();
}
