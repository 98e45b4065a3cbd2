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
