// @ts-check
// Build once, run anywhere: the pages `next build` prerendered hold no data and the
// build's SITE_URL (lib/build-database.ts). Before the production server lets anyone in,
// it asks itself to expire them all (POST /api/internal/expire-build,
// app/api/internal/expire-build), so each is rendered from this run's database and
// SITE_URL on its first request and served from cache after that.
import { createHmac } from 'node:crypto';

export const EXPIRE_BUILD_PATH = '/api/internal/expire-build';
const ATTEMPTS = 5;

/**
 * Resolves once the build's pages are expired; rejects (with why) after a few failed tries.
 * @param {{ origin: string, secret: string | undefined }} options
 */
export async function expireBuild({ origin, secret }) {
  if (!secret) throw new Error('AUTH_SECRET is not set, so the build\'s prerendered pages cannot be expired');
  const key = createHmac('sha256', secret).update('quire:expire-build').digest('base64url');
  /** @type {unknown} */
  let failure;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const res = await fetch(`${origin}${EXPIRE_BUILD_PATH}`, { method: 'POST', headers: { 'x-quire-expire-build': key } });
      if (res.ok) return;
      failure = new Error(`${EXPIRE_BUILD_PATH} answered ${res.status}`);
    } catch (error) {
      failure = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
  }
  throw failure;
}

/**
 * Holds every request but the expiry itself until `open()`: nobody is served a page
 * the build prerendered.
 * @template {unknown[]} A
 * @param {(...args: A) => void} handle
 */
export function createStartGate(handle) {
  /** @type {A[]} */
  let held = [];
  let opened = false;
  return {
    /** @param {string} url @param {A} args */
    pass(url, ...args) {
      if (opened || url === EXPIRE_BUILD_PATH) handle(...args);
      else held.push(args);
    },
    open() {
      opened = true;
      for (const args of held) handle(...args);
      held = [];
    },
  };
}
