// @ts-check
// The one bridge between the production server (server/server.mjs) and the app. Next
// bundles the app's server code into its own chunks, so a module-level variable here would
// be a different variable in each bundle: the hooks live on globalThis under one symbol,
// and this module is the only code that touches it. Under `npm run dev` (no production
// server) nothing is installed and every hook does nothing.

const KEY = Symbol.for('quire.server-hooks');

/**
 * @typedef {object} ServerHooks
 * @property {(tags?: readonly string[]) => void} clearMicrocache Drops the pages the microcache (and the signed-in
 *   pages' shells) hold that were built from any of `tags` (after a write invalidated them); every page without `tags`.
 * @property {() => string | null} selfOrigin Where this server answers itself (http://127.0.0.1:PORT), once it listens; null before.
 * @property {(task: () => Promise<void>) => void} onStop Runs `task` at once when a graceful stop begins (the job worker stops taking jobs, finishes those it runs).
 * @property {(retryAfterS: number) => void} answerBusy The request being handled was refused for load (password hashing
 *   at its limit): its answer goes out with Retry-After, and as 503 unless it is a plain form post's redirect to the form.
 */

/** @type {ServerHooks} */
const NONE = { clearMicrocache() {}, selfOrigin: () => null, onStop() {}, answerBusy() {} };

/** @param {Partial<ServerHooks>} hooks installed once by the production server at start */
export function installServerHooks(hooks) {
  /** @type {Record<symbol, ServerHooks>} */ (/** @type {unknown} */ (globalThis))[KEY] = { ...NONE, ...hooks };
}

/** @returns {ServerHooks} what the production server installed, or hooks that do nothing */
export function serverHooks() {
  return /** @type {Record<symbol, ServerHooks | undefined>} */ (/** @type {unknown} */ (globalThis))[KEY] ?? NONE;
}
