// @ts-check
// V8's explicit compile hint on the framework's startup chunks (issue 12: Lighthouse's total
// blocking time). Every page loads the chunks the build manifest calls `rootMainFiles` (React
// DOM, Next's router, Turbopack's runtime) and calls nearly all of their functions while it
// hydrates. V8 compiles a function lazily, on the main thread, the first time it runs, so that
// compilation lands inside hydration's long task. A file whose first line is
// `//# allFunctionsCalledOnLoad` (Chrome 136+) has its functions compiled eagerly, on the
// thread that streams the script in as it downloads; other engines read a comment. Measured in
// real Chromium on this machine (bench/README.md, 2026-12-05): a load's blocking time 131 → 43 ms
// on the post page, 135 → 35 ms on the home page (medians of 20).
// Only these chunks: a page's own chunks and the admin's are loaded on demand, and compiling
// what a page never calls would cost memory and background work for nothing. `npm run build`
// runs this after `next build`; no source maps are emitted for client chunks, so none shifts.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';
const HINT_BYTES = Buffer.from(COMPILE_HINT, 'utf8');

/**
 * The startup chunks of a build, as paths under `distDir` (from its build manifest).
 * @param {string} distDir the build's directory (.next)
 * @returns {string[]}
 */
export function startupChunks(distDir) {
  const file = path.join(distDir, 'build-manifest.json');
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`compile hints: cannot read ${file} (${error instanceof Error ? error.message : String(error)}); run next build first`);
  }
  const files = manifest?.rootMainFiles;
  if (!Array.isArray(files) || files.length === 0) throw new Error(`compile hints: ${file} lists no rootMainFiles`);
  for (const f of files) {
    // Only the build's own chunk files: nothing outside static/chunks is ever written.
    if (typeof f !== 'string' || !/^static\/chunks\/[\w.-]+\.js$/.test(f)) throw new Error(`compile hints: unexpected rootMainFiles entry ${JSON.stringify(f)} in ${file}`);
  }
  return files;
}

/**
 * Puts the hint on the first line of each startup chunk that lacks it (running it twice changes nothing).
 * @param {string} distDir the build's directory (.next)
 * @returns {{ hinted: string[], already: string[] }} the chunks changed now and those that had it
 */
export function addCompileHints(distDir) {
  /** @type {{ hinted: string[], already: string[] }} */
  const result = { hinted: [], already: [] };
  for (const rel of startupChunks(distDir)) {
    const file = path.join(distDir, rel);
    // Bytes, not text: the chunk's own bytes follow the hint unchanged.
    const bytes = readFileSync(file);
    if (bytes.subarray(0, HINT_BYTES.length).equals(HINT_BYTES)) {
      result.already.push(rel);
      continue;
    }
    // Written beside and renamed: a chunk is never left half written.
    const partial = `${file}.hint-${process.pid}`;
    writeFileSync(partial, Buffer.concat([HINT_BYTES, bytes]));
    renameSync(partial, file);
    result.hinted.push(rel);
  }
  return result;
}
