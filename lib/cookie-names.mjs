// @ts-check
// Every cookie Quire reads or writes, by name, for all its parts: the app (lib/auth,
// lib/form-flash.ts), proxy.ts, next.config.js (the signed-in rewrite) and the production
// server's microcache (server/microcache.mjs), which must all agree; the tests, e2e helpers
// and benchmarks that mint sessions take the names from here too.

/** next-auth's JWT session cookie; on https sites next-auth writes it with the __Secure- prefix. */
export const SESSION_COOKIE = 'next-auth.session-token';
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;
/** Both names a session may arrive under. */
export const SESSION_COOKIES = /** @type {const} */ ([SECURE_SESSION_COOKIE, SESSION_COOKIE]);

/**
 * A readable (not HttpOnly) cookie holding only the signed-in reader's display name, so the
 * cached site header can show "Name · Sign out" without making any page dynamic. It proves
 * nothing: every check reads the HttpOnly session cookie.
 */
export const ACCOUNT_COOKIE = 'quire-account';

/** HttpOnly cookie holding the id of a form answer waiting one request (lib/form-flash.ts). */
export const FLASH_COOKIE = 'quire-flash';

/**
 * Sent only by the production server to itself: asks for the signed-in page's shared shell
 * at a post's own address (a rewrite in next.config.js; server/reader-pages.mjs). The shell
 * holds nothing of anyone's, but it is not the anonymous page, so the microcache passes it by.
 */
export const SHELL_COOKIE = 'quire-reader-shell';

// Also next-auth's chunked form (`name.0`, `name.1`, …) of a large token.
const SESSION_COOKIE_IN_HEADER = new RegExp(`(?:^|;\\s*)(?:__Secure-)?${SESSION_COOKIE.replaceAll('.', '\\.')}(?:\\.\\d+)?=`);

/**
 * Whether a Cookie header carries a session cookie under either name, without parsing it
 * (the microcache asks on every request).
 * @param {string | undefined} header
 */
export function hasSessionCookie(header) {
  return header !== undefined && SESSION_COOKIE_IN_HEADER.test(header);
}

/**
 * Whether a Cookie header carries the cookie `name` (a plain name, no pattern characters).
 * @param {string | undefined} header @param {string} name
 */
export function hasCookie(header, name) {
  if (header === undefined) return false;
  const at = header.indexOf(`${name}=`);
  return at === 0 || (at > 0 && /[;\s]/.test(header[at - 1] ?? ''));
}

/**
 * The value of the cookie `name` in a Cookie header (a plain name), or undefined.
 * @param {string | undefined} header @param {string} name
 */
export function cookieValue(header, name) {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
