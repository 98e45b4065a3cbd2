// @ts-check
// Response headers and the request body limit every answer of the site shares, in one place
// for both of the site's front doors: next.config.js (headers() and the server actions'
// bodySizeLimit, fixed at build time; also what `npm run dev` sends) and the production
// server (server/hardening.mjs), which sets them on every answer it sends, the microcache's,
// the signed-in shells', its own refusals and the views beacon's included, and adds HSTS
// when SITE_URL is https (a run-time choice: one build serves any SITE_URL).

/** Browser features the site does not use are off for it and anything it embeds; the copy-link button writes the clipboard. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'browsing-topics=()',
  'camera=()',
  'clipboard-read=()',
  'clipboard-write=(self)',
  'display-capture=()',
  'encrypted-media=()',
  'fullscreen=()',
  'gamepad=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'idle-detection=()',
  'local-fonts=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'picture-in-picture=()',
  'publickey-credentials-get=()',
  'screen-wake-lock=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/** @type {ReadonlyArray<readonly [string, string]>} */
export const SECURITY_HEADERS = [
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['Permissions-Policy', PERMISSIONS_POLICY],
  // OAuth sign-in is a full-page redirect, never a popup: nothing needs a cross-origin opener.
  ['Cross-Origin-Opener-Policy', 'same-origin'],
];

/** One year; no includeSubDomains (other hosts of the domain may not be on https) and no preload. */
export const DEFAULT_HSTS_MAX_AGE_S = 31_536_000;

/**
 * The Strict-Transport-Security value for a site at `siteUrl`, or null: only https sites,
 * and HSTS_MAX_AGE=0 turns it off.
 * @param {string | undefined} siteUrl @param {string | undefined} maxAge
 */
export function hstsHeader(siteUrl, maxAge) {
  if (!siteUrl?.startsWith('https://')) return null;
  const seconds = maxAge === undefined || maxAge.trim() === '' ? DEFAULT_HSTS_MAX_AGE_S : Number(maxAge);
  if (!Number.isInteger(seconds) || seconds < 0) throw new Error('HSTS_MAX_AGE must be a whole number of seconds ≥ 0 (0: no HSTS)');
  return seconds === 0 ? null : `max-age=${seconds}`;
}

/**
 * The largest request body anything but the two upload routes takes: server actions (a post
 * of 200,000 characters, four bytes each at worst, plus its fields) and the JSON routes.
 * next.config.js gives it to Next as serverActions.bodySizeLimit; the production server
 * refuses a larger Content-Length with 413 before Next reads a byte.
 */
export const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

/** Routes that stream their own uploads against their own limits (lib/media, lib/import): 413 with their own message. */
export const UPLOAD_PATHS = ['/api/admin/media', '/api/admin/import'];
