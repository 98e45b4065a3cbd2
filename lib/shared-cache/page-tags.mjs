// @ts-check
// Which cache tags each whole page was built from, as this process last stored or read it
// (the incremental cache handler notes them), so an invalidation can drop from the
// production server's own short caches (the microcache, the signed-in pages' shells) only
// the pages it touches. A new comment then costs its own post's page, not every page on
// the site (issue 11, memory under a mixed load). The handler and server/server.mjs import
// this same module, so they share one registry (like runtime.mjs's stores).
//
// Conservative by construction: a page is affected unless its tags are known and none of
// them is invalidated. Unknown pages, addresses with a query (another page of a list, a
// search: their tags are not the path's), and path invalidations (Next's implicit `_N_T_`
// tags, revalidatePath) affect every page.
import { LRUCache } from 'lru-cache';

const IMPLICIT = '_N_T_';

/** @type {LRUCache<string, Set<string>>} page path -> its tags; bounded by count (tags are short strings) */
const known = new LRUCache({ max: 20_000 });

/** The cache key Next uses for the page at `pathname`. @param {string} pathname */
function keyOf(pathname) {
  return pathname === '/' ? '/index' : pathname.replace(/\/$/, '');
}

// Next's key for a whole page: `/route-cache/APP_PAGE/<build hash>/$/post/my-post`.
const PAGE_KEY = /^\/route-cache\/[A-Z_]+\/[^/]+\/\$(\/.*)$/;

/**
 * Records the tags of the page stored or read under Next's cache key `key`.
 * @param {string} key @param {readonly string[]} tags
 */
export function notePageTags(key, tags) {
  const path = typeof key === 'string' ? PAGE_KEY.exec(key)?.[1] : undefined;
  if (path) known.set(path, new Set(tags));
}

/**
 * Whether invalidating `tags` may change the page at `url` (a path with or without a query).
 * @param {string} url @param {readonly string[] | undefined} tags undefined: everything is invalidated
 */
export function pageAffected(url, tags) {
  if (!tags || url.includes('?')) return true;
  if (tags.some((tag) => tag.startsWith(IMPLICIT))) return true;
  const pageTags = known.get(keyOf(url));
  return !pageTags || tags.some((tag) => pageTags.has(tag));
}

/** Forgets every page's tags (tests). */
export function forgetPageTags() {
  known.clear();
}
