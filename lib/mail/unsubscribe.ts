import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { authSecret } from '@/lib/auth/session';
import { siteUrl } from '@/lib/site-url';

// Unsubscribe links: "<user id>.<HMAC-SHA256 of it>", both base64url. No expiry: the
// only thing a token can do is turn reply emails off for its user.

// A purpose prefix, so this signature can never stand in for another use of the secret.
const PURPOSE = 'quire:unsubscribe-replies:';

/** What a token looks like before its signature is checked (query string, form field). */
export const unsubscribeTokenSchema = z
  .string()
  .trim()
  .max(200)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'invalid token');

function sign(userId: string): Buffer {
  return createHmac('sha256', authSecret()).update(PURPOSE + userId).digest();
}

export function unsubscribeToken(userId: string): string {
  return `${Buffer.from(userId, 'utf8').toString('base64url')}.${sign(userId).toString('base64url')}`;
}

/** The user id a token was made for, or null when it is malformed or its signature does not match. */
export function verifyUnsubscribeToken(token: string): string | null {
  const parsed = unsubscribeTokenSchema.safeParse(token);
  if (!parsed.success) return null;
  const [encodedId = '', encodedSignature = ''] = parsed.data.split('.');
  const userId = Buffer.from(encodedId, 'base64url').toString('utf8');
  // Decoding is lenient; re-encoding must give back exactly what was sent.
  if (!userId || Buffer.from(userId, 'utf8').toString('base64url') !== encodedId) return null;
  // Compared as text, so a second spelling of the same bytes is refused too.
  const given = Buffer.from(encodedSignature, 'utf8');
  const expected = Buffer.from(sign(userId).toString('base64url'), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/** The page a person opens from the email: it asks before turning reply emails off. */
export function unsubscribeUrl(userId: string): string {
  return siteUrl(`/unsubscribe?token=${unsubscribeToken(userId)}`);
}

/** The List-Unsubscribe target: mail clients POST "List-Unsubscribe=One-Click" to it (RFC 8058). */
export function oneClickUnsubscribeUrl(userId: string): string {
  return siteUrl(`/api/unsubscribe?token=${unsubscribeToken(userId)}`);
}
