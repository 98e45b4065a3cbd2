// @ts-check
// The module next.config.js names for cacheHandler (whole pages and route handler
// responses). Next makes one instance per request; each delegates to one handler per
// process (it remembers when renders began) on this process's cache store (Redis with
// REDIS_URL, else memory). Where there is no store (`next build`, which writes the
// prerendered pages, and `next dev` without Redis) it is Next's own FileSystemCache, what
// Next uses when no cacheHandler is configured.
import FileSystemCacheModule from 'next/dist/server/lib/incremental-cache/file-system-cache.js';
import { createIncrementalHandler } from './incremental-handler.mjs';
import { cacheStore } from './runtime.mjs';

// CommonJS compiled by Next: the class is the `default` property of the module object.
const FileSystemCache = /** @type {any} */ (FileSystemCacheModule).default ?? FileSystemCacheModule;
const store = cacheStore();
const shared = store ? createIncrementalHandler(store) : null;

export default class QuireIncrementalCache {
  /** @param {any} ctx what Next passes to its cache handler's constructor */
  constructor(ctx) {
    /** @type {any} */
    this.inner = shared ?? new FileSystemCache(ctx);
  }

  /** @param {any[]} args */
  get(...args) {
    return this.inner.get(...args);
  }

  /** @param {any[]} args */
  set(...args) {
    return this.inner.set(...args);
  }

  /** @param {any[]} args */
  revalidateTag(...args) {
    return this.inner.revalidateTag(...args);
  }

  resetRequestCache() {
    this.inner.resetRequestCache?.();
  }
}
