// Decides whether .next is a build of the current sources: a hash of every input of `next build`,
// written to .next/quire-build-hash after a successful build. Neither the database nor SITE_URL is
// an input: the build reads no database and the server expires every page it prerendered before
// serving (build once, run anywhere: lib/build-database.ts, server/expire-build.mjs).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const DIRS = ['app', 'components', 'lib', 'prisma', 'public'];
const FILES = [
  'next.config.js',
  'next.config.mjs',
  'next.config.ts',
  'postcss.config.mjs',
  'postcss.config.js',
  'prisma.config.ts',
  'tsconfig.json',
  'package.json',
  'package-lock.json',
  'proxy.ts',
  'middleware.ts',
  'instrumentation.ts',
  'mdx-components.tsx',
];
const SKIP = new Set(['lib/generated', 'public/uploads']);

function* walk(root, rel) {
  if (SKIP.has(rel)) return;
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return;
  if (statSync(abs).isDirectory()) {
    for (const name of readdirSync(abs).sort()) {
      if (name === '.DS_Store') continue;
      yield* walk(root, `${rel}/${name}`);
    }
  } else {
    yield rel;
  }
}

/** Hash of the build inputs under root, plus the NEXT_PUBLIC_ values inlined into client bundles. */
export function computeBuildHash(root, env = process.env) {
  const hash = createHash('sha256');
  for (const dir of DIRS) {
    for (const rel of walk(root, dir)) {
      hash.update(`${rel}\0`).update(readFileSync(path.join(root, rel))).update('\0');
    }
  }
  for (const rel of FILES) {
    const abs = path.join(root, rel);
    if (existsSync(abs)) hash.update(`${rel}\0`).update(readFileSync(abs)).update('\0');
  }
  for (const name of Object.keys(env).filter((n) => n.startsWith('NEXT_PUBLIC_')).sort()) {
    hash.update(`${name}=${env[name]}\0`);
  }
  return hash.digest('hex');
}

const hashFile = (root) => path.join(root, '.next', 'quire-build-hash');

/** 'missing' | 'stale' | 'current' for a build that would be made with `hash`. */
export function buildState(root, hash) {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) return 'missing';
  const stored = existsSync(hashFile(root)) ? readFileSync(hashFile(root), 'utf8').trim() : '';
  return stored === hash ? 'current' : 'stale';
}

/** Record that the build in .next was made from sources with this hash (computed before building). */
export function recordBuildHash(root, hash) {
  mkdirSync(path.dirname(hashFile(root)), { recursive: true });
  writeFileSync(hashFile(root), `${hash}\n`);
}
