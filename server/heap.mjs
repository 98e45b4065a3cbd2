// @ts-check
// The production server's V8 heap limit. Left alone, V8 on a large machine lets the heap
// grow to gigabytes before collecting in earnest: under load the server's RSS climbed to
// 540 MB though what it keeps is far less; with a 160 MB limit the same bench peaked at
// 294 MB with the same throughput (bench/README.md). QUIRE_HEAP_MB sets it (default
// 256); a --max-old-space-size already in NODE_OPTIONS wins.

export const DEFAULT_HEAP_MB = 256;

/**
 * Node flags for the server process, given its environment.
 * @param {Record<string, string | undefined>} env
 * @returns {string[]}
 */
export function heapArgs(env = process.env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) return [];
  const mb = Number(env.QUIRE_HEAP_MB ?? DEFAULT_HEAP_MB);
  if (!Number.isInteger(mb) || mb < 64) throw new Error(`QUIRE_HEAP_MB must be a whole number of megabytes, at least 64 (got ${JSON.stringify(env.QUIRE_HEAP_MB)})`);
  return [`--max-old-space-size=${mb}`];
}

// glibc's allocator, left alone, keeps what the server's native side (V8's compiler zones,
// streams, buffers) once used: under the memory bench's mixed load the memory outside the
// JavaScript heap grew from ~55 MB idle to ~185 MB and stayed. Two arenas, and large blocks
// mapped and trimmed as soon as they are freed, held it to ~110 MB with the same
// throughput (bench/README.md, memory). Variables already set win; other C libraries ignore them.
export const MALLOC_DEFAULTS = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_TRIM_THRESHOLD_: '131072' };

/**
 * Environment variables to add for the server process (those of MALLOC_DEFAULTS not set in `env`).
 * @param {Record<string, string | undefined>} env
 * @returns {Record<string, string>}
 */
export function mallocEnv(env = process.env) {
  return Object.fromEntries(Object.entries(MALLOC_DEFAULTS).filter(([name]) => env[name] === undefined));
}
