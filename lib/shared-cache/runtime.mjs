// @ts-check
// This process's cache stores. The cache handlers Next loads and server/server.mjs import
// this same file, so they share one of each. Neither exists while `next build` prerenders
// (a build must not read or fill a live site's cache): Next's own caches serve the build.
import { redisConfig } from './config.mjs';
import { createMemoryStore } from './memory-store.mjs';
import { createRedisStore } from './store.mjs';

/** @typedef {import('./store.mjs').SharedStore} SharedStore */

/** @type {SharedStore | null | undefined} */
let redis;
/** @type {SharedStore | null | undefined} */
let cache;

const building = () => process.env.NEXT_PHASE === 'phase-production-build';

/** @returns {SharedStore | null} the connection to Redis, or null when REDIS_URL is unset (no pub/sub, no Redis health check) */
export function sharedStore() {
  if (redis !== undefined) return redis;
  const config = building() ? null : redisConfig();
  redis = config ? createRedisStore(config) : null;
  return redis;
}

/**
 * Where Next's caches live at run time: Redis when REDIS_URL is set, else this process's
 * memory, behind the same handlers either way. Null during `next build`, and under
 * `next dev` without Redis, which keeps Next's own development caches.
 * @returns {SharedStore | null}
 */
export function cacheStore() {
  if (cache !== undefined) return cache;
  const production = process.env.NODE_ENV === 'production' && !building();
  cache = sharedStore() ?? (production ? createMemoryStore() : null);
  return cache;
}
