#!/usr/bin/env node
// @ts-check
// `npm run build` runs this after `next build`: V8's compile hint on the framework's startup
// chunks (scripts/lib/compile-hints.mjs). `node scripts/compile-hints.mjs [distDir]` (.next).
import path from 'node:path';
import { addCompileHints } from './lib/compile-hints.mjs';
import { root } from './lib/cli.mjs';

try {
  const distDir = path.resolve(root, process.argv[2] ?? '.next');
  const { hinted, already } = addCompileHints(distDir);
  console.log(`compile hints: ${hinted.length} startup chunk(s) hinted${already.length ? `, ${already.length} already were` : ''}`);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
