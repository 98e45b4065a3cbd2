// @ts-check
// This process's one connection to the shared cache, or null when REDIS_URL is unset or
// while `next build` prerenders (a build must not read or fill a live site's cache). The
// cache handlers Next loads and server/server.mjs import this same file, so they share it.
import { redisConfig } from './config.mjs';
import { createRedisStore } from './store.mjs';

/** @type {import('./store.mjs').SharedStore | null | undefined} */
let store;

/** @returns {import('./store.mjs').SharedStore | null} */
export function sharedStore() {
  if (store !== undefined) return store;
  const config = process.env.NEXT_PHASE === 'phase-production-build' ? null : redisConfig();
  store = config ? createRedisStore(config) : null;
  return store;
}
