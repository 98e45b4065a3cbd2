import 'server-only';
import { revalidateTag, updateTag } from 'next/cache';
import { serverHooks } from '@/server/hooks.mjs';

// Invalidates cache tags (from TAGS) and the production server's microcache, so the
// next request shows the change. Server actions call this after every public write.
export function invalidate(...tags: string[]): void {
  for (const tag of tags) updateTag(tag);
  clearMicrocache(tags);
}

/** The same from a route handler, where updateTag is not allowed: expire at once. */
export function invalidateFromRoute(...tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  clearMicrocache(tags);
}

function clearMicrocache(tags: string[]): void {
  serverHooks().clearMicrocache(tags);
}
