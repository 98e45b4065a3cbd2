// @ts-check
import { createHash } from 'node:crypto';
import { isbot } from 'isbot';

// Who is viewing, without knowing who: a daily-salted hash of IP and user agent.

/**
 * Bots, crawlers, headless browsers and clients with no user agent are not counted.
 * @param {string | null | undefined} userAgent
 */
export function isCountableAgent(userAgent) {
  if (!userAgent || userAgent.length < 10) return false;
  if (isbot(userAgent)) return false;
  return !/headless|phantomjs|puppeteer|playwright|electron|lighthouse|prerender/i.test(userAgent);
}

/**
 * A speculative load (prefetch or prerender) is not a view.
 * @param {string | null | undefined} purpose the Sec-Purpose or Purpose header
 */
export function isPrefetch(purpose) {
  return /prefetch|prerender/i.test(purpose ?? '');
}

/**
 * The client's address: the first X-Forwarded-For entry, else the socket's address.
 * Behind a proxy, the proxy sets the header. A client can forge it, as it can vary its
 * user agent: dedupe is per visitor, not a defence against deliberate inflation.
 * @param {string | null | undefined} forwardedFor
 * @param {string | null | undefined} [socketAddress]
 */
export function clientAddress(forwardedFor, socketAddress) {
  const first = (forwardedFor ?? '').split(',')[0]?.trim() || socketAddress;
  return first ? first.slice(0, 64) : 'unknown';
}

/**
 * @param {Buffer} salt
 * @param {string} address
 * @param {string} userAgent
 */
export function visitorHash(salt, address, userAgent) {
  return createHash('sha256').update(salt).update('\0').update(address).update('\0').update(userAgent).digest('hex');
}

/** The UTC day a view belongs to, as YYYY-MM-DD. */
export function viewDay(now = new Date()) {
  return now.toISOString().slice(0, 10);
}
