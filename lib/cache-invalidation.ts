import 'server-only';
import { revalidateTag, updateTag } from 'next/cache';

// Invalidates cache tags (from TAGS) and the production server's microcache, so the
// next request shows the change. Server actions call this after every public write.
export function invalidate(...tags: string[]): void {
  for (const tag of tags) updateTag(tag);
  clearMicrocache();
}

/** The same from a route handler, where updateTag is not allowed: expire at once. */
export function invalidateFromRoute(...tags: string[]): void {
  for (const tag of tags) revalidateTag(tag, { expire: 0 });
  clearMicrocache();
}

function clearMicrocache(): void {
  const microcache = (globalThis as Record<symbol, { clear(): void } | null | undefined>)[Symbol.for('quire.microcache')];
  microcache?.clear();
}
