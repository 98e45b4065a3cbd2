import { createHash } from 'node:crypto';

/** A short digest of a password hash: enough to tell whether it changed, not a copy of it in the job table. */
export function hashTag(passwordHash: string): string {
  return createHash('sha256').update(passwordHash).digest('base64url').slice(0, 22);
}
