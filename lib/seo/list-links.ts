import { encodeCursor, type Cursor } from '@/lib/validations/listing';

// Addresses of the pages of a keyset-paginated list (/blog, a category, a tag): one
// function writes them for the Newer/Older links, rel="prev"/"next" and the canonical
// link, so a page's canonical is exactly the address its neighbours link to.

export type ListDirection = 'forward' | 'back';

/** The page of the list at `basePath` that starts at `cursor` (the first page without one). */
export function listPageHref(basePath: string, cursor: Cursor | null, dir: ListDirection = 'forward'): string {
  if (!cursor) return basePath;
  return `${basePath}?cursor=${encodeCursor(cursor)}${dir === 'back' ? '&dir=back' : ''}`;
}
