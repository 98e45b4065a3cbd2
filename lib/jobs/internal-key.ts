import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/session';

// The key of the internal publish route (app/api/internal/publish-due): only this
// server's own job worker knows it (derived from AUTH_SECRET), so nobody outside can
// make a server publish and invalidate at will.

export const INTERNAL_KEY_HEADER = 'x-quire-scheduler';

export function internalKey(): string {
  return createHmac('sha256', authSecret()).update('quire:publish-due').digest('base64url');
}

export function isInternalKey(given: string | null): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(internalKey());
  return a.length === b.length && timingSafeEqual(a, b);
}
