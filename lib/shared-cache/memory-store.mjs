// @ts-check
// The cache store when REDIS_URL is unset: the SharedStore contract of store.mjs, kept in
// this process. With it the same handlers serve with or without Redis, so the guard that
// gives authors their own writes (a render begun before an invalidation is not stored)
// holds on a single instance too. Entries live in an LRU bounded by bytes (lru-cache);
// invalidation times in a map capped by tag count, which forgets the oldest safely.
import { LRUCache } from 'lru-cache';

/** @typedef {import('./store.mjs').SharedStore} SharedStore */

// What Next gives its own in-memory caches by default (cacheMaxMemorySize).
export const MEMORY_STORE_BYTES = 50 * 1024 * 1024;
// Tags are only recorded by writes (a post, a thread, a setting, a path): far more than a site makes between restarts.
export const MEMORY_STORE_TAGS = 100_000;
const YEAR_SECONDS = 86400 * 365;

/**
 * @param {{ maxBytes?: number, maxTags?: number, now?: () => number }} [options]
 * @returns {SharedStore & { stats: () => { entries: number, bytes: number, tags: number } }}
 */
export function createMemoryStore({ maxBytes = MEMORY_STORE_BYTES, maxTags = MEMORY_STORE_TAGS, now = Date.now } = {}) {
  /** @type {LRUCache<string, Buffer>} */
  const entries = new LRUCache({ maxSize: maxBytes, sizeCalculation: (value, key) => value.byteLength + key.length });
  // Insertion order is invalidation order (a tag invalidated again moves to the end), so
  // the first tag is the one invalidated longest ago.
  /** @type {Map<string, number>} */
  const tagTimes = new Map();
  // The newest time among the tags dropped to keep the cap: an unknown tag may have been
  // invalidated up to then, so it counts as invalidated then (a miss at worst, never stale).
  let forgottenUntil = 0;
  /** @type {Set<(tags: string[]) => void>} */
  const listeners = new Set();

  return {
    isReady: () => true,
    async getEntry(key) {
      return entries.get(key) ?? null;
    },
    async setEntry(key, value, ttlSeconds) {
      const seconds = Number.isFinite(ttlSeconds) && ttlSeconds > 0 ? ttlSeconds : YEAR_SECONDS;
      // An entry larger than the whole store is not kept (lru-cache drops it).
      entries.set(key, value, { ttl: Math.ceil(seconds * 1000) });
    },
    async latestInvalidation(tags) {
      let newest = 0;
      for (const tag of tags) newest = Math.max(newest, tagTimes.get(tag) ?? forgottenUntil);
      return newest;
    },
    async invalidate(tags) {
      if (tags.length === 0) return;
      const at = now();
      for (const tag of tags) {
        tagTimes.delete(tag);
        tagTimes.set(tag, at);
      }
      for (const [tag, time] of tagTimes) {
        if (tagTimes.size <= maxTags) break;
        tagTimes.delete(tag);
        forgottenUntil = Math.max(forgottenUntil, time);
      }
      for (const listener of listeners) listener([...tags]);
    },
    onInvalidate(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async ping() {},
    async close() {
      listeners.clear();
      entries.clear();
    },
    stats: () => ({ entries: entries.size, bytes: entries.calculatedSize, tags: tagTimes.size }),
  };
}
