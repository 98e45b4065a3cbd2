// @ts-check
// The module next.config.js names for cacheHandlers.default and .remote ('use cache').
// One build serves both set-ups: with REDIS_URL the handler on Redis, without it Next's own
// in-memory handler, one object for both kinds, exactly as Next sets it up by default.
import { createDefaultCacheHandler } from 'next/dist/server/lib/cache-handlers/default.js';
import { sharedStore } from './runtime.mjs';
import { createUseCacheHandler } from './use-cache-handler.mjs';

// Next's default cacheMaxMemorySize (50 MB), which it would give its built-in handler.
const IN_MEMORY_BYTES = 50 * 1024 * 1024;

const store = sharedStore();
export default store ? createUseCacheHandler(store) : createDefaultCacheHandler(IN_MEMORY_BYTES);
