import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { authSecret } from '@/lib/auth/session';

// Expiring links signed with AUTH_SECRET, the pattern of lib/mail/unsubscribe.ts with a
// payload: "<base64url JSON>.<base64url HMAC-SHA256>". The purpose is signed too, so a
// token made for one use never passes for another. A token may also be bound to a value
// that is not in it (a password hash): when that value changes, the token dies.

/** What a token looks like before its signature is checked (query string, form field). */
export const signedTokenSchema = z
  .string()
  .trim()
  .max(1500)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'invalid token');

const expirySchema = z.object({ x: z.number().int().positive() });

function signature(purpose: string, encodedPayload: string, binding: string): string {
  return createHmac('sha256', authSecret())
    .update(`quire:${purpose}:${encodedPayload}:`)
    .update(binding)
    .digest('base64url');
}

/** A token carrying `payload` for `ttlS` seconds from `now`, bound to `binding`. */
export function signToken(purpose: string, payload: Record<string, unknown>, options: { ttlS: number; binding?: string; now?: number }): string {
  const x = Math.floor((options.now ?? Date.now()) / 1000) + options.ttlS;
  const encoded = Buffer.from(JSON.stringify({ ...payload, x }), 'utf8').toString('base64url');
  return `${encoded}.${signature(purpose, encoded, options.binding ?? '')}`;
}

export type OpenedToken<T> = {
  /** The payload as sent: trust it only once `signedFor` says yes. */
  payload: T;
  expired: boolean;
  /** Whether the signature matches this purpose and binding. */
  signedFor(binding?: string): boolean;
};

/**
 * A token's payload, read but not yet trusted (the binding may need a look-up by what the
 * payload says), or null when it is malformed or does not match `schema`.
 */
export function openToken<S extends z.ZodType<Record<string, unknown>>>(
  purpose: string,
  token: string,
  schema: S,
  now = Date.now(),
): OpenedToken<z.infer<S>> | null {
  const shape = signedTokenSchema.safeParse(token);
  if (!shape.success) return null;
  const [encoded = '', given = ''] = shape.data.split('.');
  const json = Buffer.from(encoded, 'base64url').toString('utf8');
  // Decoding is lenient; re-encoding must give back exactly what was sent.
  if (Buffer.from(json, 'utf8').toString('base64url') !== encoded) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const expiry = expirySchema.safeParse(raw);
  const payload = schema.safeParse(raw);
  if (!expiry.success || !payload.success) return null;
  return {
    payload: payload.data,
    expired: expiry.data.x * 1000 <= now,
    signedFor(binding = '') {
      // Compared as text, so a second spelling of the same bytes is refused too.
      const a = Buffer.from(given, 'utf8');
      const b = Buffer.from(signature(purpose, encoded, binding), 'utf8');
      return a.length === b.length && timingSafeEqual(a, b);
    },
  };
}
