import { createHash } from 'node:crypto';
import { isbot } from 'isbot';

// Who is viewing, without knowing who: a daily-salted hash of IP and user agent.

/** Bots, crawlers, headless browsers and clients with no user agent are not counted. */
export function isCountableAgent(userAgent: string | null): boolean {
  if (!userAgent || userAgent.length < 10) return false;
  if (isbot(userAgent)) return false;
  return !/headless|phantomjs|puppeteer|playwright|electron|lighthouse|prerender/i.test(userAgent);
}

/**
 * The client's address: the first X-Forwarded-For entry. `next start` sets the header
 * to the socket address when the client sent none; behind a proxy, the proxy sets it.
 * A client can forge it, as it can vary its user agent: dedupe is per visitor, not
 * a defence against deliberate inflation.
 */
export function clientAddress(forwardedFor: string | null): string {
  const first = (forwardedFor ?? '').split(',')[0]?.trim();
  return first ? first.slice(0, 64) : 'unknown';
}

export function visitorHash(salt: Buffer, address: string, userAgent: string): string {
  return createHash('sha256').update(salt).update('\0').update(address).update('\0').update(userAgent).digest('hex');
}

/** The UTC day a view belongs to, as YYYY-MM-DD. */
export function viewDay(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
