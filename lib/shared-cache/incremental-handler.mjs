// @ts-check
// Next's incremental cache interface (cacheHandler: whole pages, route handler responses)
// on the shared store. A page's tags are its x-next-cache-tags header (the 'use cache'
// tags it was built from plus its path tags). A miss whenever Redis cannot vouch for an
// entry; a render that began before one of its tags was invalidated is not stored.
import { deserialize, serialize } from 'node:v8';
import { notePageTags } from './page-tags.mjs';

/** @typedef {import('./store.mjs').SharedStore} SharedStore */
/** @typedef {{ lastModified: number, value: any, tags: string[], cacheControl?: unknown }} StoredPage */

const TAGS_HEADER = 'x-next-cache-tags';
// Next reads a page (get) before it renders one (set) under the same key; the read's time
// is the render's start. Longer ago than this, the read belonged to an earlier hit.
const MAX_RENDER_MS = 30_000;
const YEAR_SECONDS = 86400 * 365;

/** @param {any} value @param {{ tags?: string[], softTags?: string[] } | undefined} ctx @returns {string[]} */
function tagsOf(value, ctx) {
  const header = value?.headers?.[TAGS_HEADER];
  const fromHeader = typeof header === 'string' && header ? header.split(',') : [];
  return [...new Set([...fromHeader, ...(ctx?.tags ?? []), ...(ctx?.softTags ?? [])])];
}

/**
 * @param {SharedStore} store
 * @param {{ log?: (line: string) => void, now?: () => number }} [options]
 */
export function createIncrementalHandler(store, { log = console.error, now = Date.now } = {}) {
  /** @type {Map<string, number>} key -> time of the read that may precede a render */
  const readAt = new Map();
  /** @param {string} what @param {unknown} error */
  const warn = (what, error) => log(`shared cache: ${what}: ${error instanceof Error ? error.message : String(error)}`);

  /** @param {string} key */
  function noteRead(key) {
    const at = readAt.get(key);
    if (at !== undefined && now() - at <= MAX_RENDER_MS) return;
    if (readAt.size >= 10_000) readAt.clear();
    readAt.set(key, now());
  }

  /** @param {string} key @returns {number} when the render now being stored began, at the earliest */
  function renderStart(key) {
    const at = readAt.get(key);
    readAt.delete(key);
    return at !== undefined && now() - at <= MAX_RENDER_MS ? at : now() - MAX_RENDER_MS;
  }

  return {
    /** @param {string} key @param {{ tags?: string[], softTags?: string[] }} [ctx] */
    async get(key, ctx) {
      noteRead(key);
      if (!store.isReady()) return null;
      try {
        const bytes = await store.getEntry(`page:${key}`);
        if (!bytes) return null;
        /** @type {StoredPage} */
        const page = deserialize(bytes);
        const tags = [...new Set([...page.tags, ...tagsOf(null, ctx)])];
        if ((await store.latestInvalidation(tags)) >= page.lastModified) return null;
        notePageTags(key, tags);
        return { lastModified: page.lastModified, value: page.value, cacheControl: page.cacheControl };
      } catch (error) {
        warn('page get', error);
        return null;
      }
    },

    /** @param {string} key @param {any} value @param {{ tags?: string[], cacheControl?: { revalidate?: number | false, expire?: number } }} [ctx] */
    async set(key, value, ctx) {
      const started = renderStart(key);
      if (!store.isReady()) return;
      try {
        const tags = tagsOf(value, ctx);
        notePageTags(key, tags);
        if ((await store.latestInvalidation(tags, { fresh: true })) >= started) return;
        // lastModified is the render's start: an invalidation racing the store still wins.
        /** @type {StoredPage} */
        const page = { lastModified: started, value, tags, cacheControl: ctx?.cacheControl };
        const expire = ctx?.cacheControl?.expire;
        await store.setEntry(`page:${key}`, serialize(page), typeof expire === 'number' ? expire : YEAR_SECONDS);
      } catch (error) {
        warn('page set', error);
      }
    },

    /** @param {string | string[]} tags */
    async revalidateTag(tags) {
      const list = typeof tags === 'string' ? [tags] : tags;
      try {
        await store.invalidate(list);
      } catch (error) {
        warn(`tags ${list.join(', ')} could not be invalidated`, error);
      }
    },

    resetRequestCache() {},
  };
}
