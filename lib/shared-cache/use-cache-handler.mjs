// @ts-check
// Next 16's 'use cache' handler interface (cacheHandlers.default / .remote) on the shared
// store. Every doubt is a miss: an entry is served only if Redis answered and none of its
// tags was invalidated at or after the moment its render started (entry.timestamp); an
// entry whose render started before an invalidation of one of its tags is not stored.
import { deserialize, serialize } from 'node:v8';

/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheHandler} CacheHandler */
/** @typedef {import('next/dist/server/lib/cache-handlers/types').CacheEntry} CacheEntry */
/** @typedef {import('./store.mjs').SharedStore} SharedStore */
/** @typedef {Omit<CacheEntry, 'value'> & { value: Buffer }} StoredEntry */

/** @param {ReadableStream<Uint8Array>} stream */
async function toBuffer(stream) {
  /** @type {Uint8Array[]} */
  const chunks = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** @param {Buffer} bytes @returns {ReadableStream<Uint8Array>} */
function toStream(bytes) {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(new Uint8Array(bytes));
      controller.close();
    },
  });
}

/**
 * @param {SharedStore} store
 * @param {{ log?: (line: string) => void, now?: () => number }} [options]
 * @returns {CacheHandler}
 */
export function createUseCacheHandler(store, { log = console.error, now = Date.now } = {}) {
  /** @param {string} what @param {unknown} error */
  const warn = (what, error) => log(`shared cache: ${what}: ${error instanceof Error ? error.message : String(error)}`);

  return {
    async get(cacheKey) {
      if (!store.isReady()) return undefined;
      try {
        const bytes = await store.getEntry(`use-cache:${cacheKey}`);
        if (!bytes) return undefined;
        /** @type {StoredEntry} */
        const entry = deserialize(bytes);
        // Like Next's own in-memory handler: past `revalidate` it is a miss, not stale-while-revalidate.
        if (now() > entry.timestamp + entry.revalidate * 1000) return undefined;
        if ((await store.latestInvalidation(entry.tags)) >= entry.timestamp) return undefined;
        return { ...entry, value: toStream(entry.value) };
      } catch (error) {
        warn('get', error);
        return undefined;
      }
    },

    async set(cacheKey, pendingEntry) {
      const entry = await pendingEntry;
      // expire 0 marks a dynamic entry, which Next's own handler does not keep either.
      if (entry.expire === 0 || !store.isReady()) return;
      try {
        const value = await toBuffer(entry.value);
        // The render may have read data older than an invalidation that happened while it ran.
        if ((await store.latestInvalidation(entry.tags, { fresh: true })) >= entry.timestamp) return;
        await store.setEntry(`use-cache:${cacheKey}`, serialize({ ...entry, value }), entry.expire);
      } catch (error) {
        warn('set', error);
      }
    },

    // Nothing to pull before a request: every read asks Redis, or memory that pub/sub keeps true.
    async refreshTags() {},

    // Next asks this for a route's implicit (path) tags and drops an entry created at or
    // before the answer. Without Redis the answer is "just now": a miss, never stale content.
    async getExpiration(tags) {
      if (!store.isReady()) return now();
      try {
        return await store.latestInvalidation(tags);
      } catch (error) {
        warn('getExpiration', error);
        return now();
      }
    },

    // Every invalidation expires at once, also revalidateTag(tag, profile): stale content is
    // never served to a reader who may just have written (durations are ignored on purpose).
    async updateTags(tags) {
      try {
        await store.invalidate(tags);
      } catch (error) {
        // Not thrown: the write that invalidated has happened and must not turn into a 500.
        // Reads miss while Redis is unreachable, and the store records these tags on reconnect.
        warn(`tags ${tags.join(', ')} could not be invalidated`, error);
      }
    },
  };
}
