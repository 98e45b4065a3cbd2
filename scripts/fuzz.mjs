#!/usr/bin/env node
// `npm run fuzz [-- --runs N] [--seed S]`: the fuzz tests of `npm test` (tests/integration/fuzz-*.test.ts:
// the markdown renderers, every zod schema, the view beacon, cursors, search) with more cases and any
// seed, on the integration part's database (DATABASE_URL, else an embedded PostgreSQL). Defaults:
// 2,000 cases per property and a random seed, printed so a failure can be replayed; FUZZ_RUNS and
// FUZZ_SEED work too. A failure prints the input; keep it in tests/fuzz/regressions.ts once fixed.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = option('runs') ?? process.env.FUZZ_RUNS ?? '2000';
const seed = option('seed') ?? process.env.FUZZ_SEED ?? String(randomInt(2 ** 31 - 1));
if (!/^[1-9]\d*$/.test(runs) || !/^-?\d+$/.test(seed)) {
  console.error('usage: npm run fuzz -- [--runs N] [--seed S]');
  process.exit(2);
}
console.log(`fuzz: ${runs} cases per property, seed ${seed} (replay: npm run fuzz -- --runs ${runs} --seed ${seed})`);
const test = fileURLToPath(new URL('./test.mjs', import.meta.url));
const files = ['tests/integration/fuzz-render.test.ts', 'tests/integration/fuzz-edges.test.ts'];
const child = spawn(process.execPath, [test, 'integration', ...files], { stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed } });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
