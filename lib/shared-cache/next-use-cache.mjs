// @ts-check
// The module next.config.js names for cacheHandlers.default and .remote ('use cache').
// One handler, one object for both kinds, on this process's cache store (Redis with
// REDIS_URL, else memory); Next's own in-memory handler only where there is no store
// (`next build`, `next dev` without Redis).
import { createDefaultCacheHandler } from 'next/dist/server/lib/cache-handlers/default.js';
import { MEMORY_STORE_BYTES } from './memory-store.mjs';
import { cacheStore } from './runtime.mjs';
import { createUseCacheHandler } from './use-cache-handler.mjs';

const store = cacheStore();
export default store ? createUseCacheHandler(store) : createDefaultCacheHandler(MEMORY_STORE_BYTES);
