#!/usr/bin/env node
// `npm test`: typecheck, lint, integration tests, e2e tests, start-path test; stops at the first failure.
// `node scripts/test.mjs integration|e2e|start [extra args for that runner]` runs one part; `typecheck,lint` several.
// Database: the server in DATABASE_URL (environment or .env), else an embedded PostgreSQL for the run.
// Every run works in its own fresh databases, dropped at the end (kept on failure with KEEP_TEST_DB=1).
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { buildState, computeBuildHash, recordBuildHash } from './lib/build-hash.mjs';
import { loadEnv, root, UserError } from './lib/cli.mjs';
import { startE2eServices } from './lib/e2e-services.mjs';
import { exec as execWith, header, stopChildren, summaries } from './lib/test-children.mjs';
import { e2eReportLines } from './lib/e2e-report.mjs';
import { databaseServer, dropCopies, dropCopiesAtEnd, dropRunDatabases, freshDatabase } from './lib/test-databases.mjs';
import { getFreePort } from './embedded-db.mjs';

const PARTS = ['typecheck', 'lint', 'integration', 'e2e', 'start'];
const [only, ...extraArgs] = process.argv.slice(2);
// One part, or several joined by commas (`typecheck,lint`), run in the usual order.
const named = only ? only.split(',') : PARTS;
const unknown = named.filter((part) => !PARTS.includes(part));
if (unknown.length > 0) {
  console.error(`error: unknown part ${JSON.stringify(unknown[0])} (expected one of ${PARTS.join(', ')})`);
  process.exit(2);
}
const parts = PARTS.filter((part) => named.includes(part));

loadEnv();

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const nextCli = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const baseEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  CHECKPOINT_DISABLE: '1',
  AUTH_SECRET: 'test-secret-not-for-production-0123456789',
  NEXTAUTH_SECRET: 'test-secret-not-for-production-0123456789',
};

const timings = [];
/** Printed after the summary: the e2e part's failures and slowest files (scripts/lib/e2e-report.mjs). */
let e2eReport = [];
let failed = false;
let interrupted = false;

/** A command with the run's environment unless told otherwise (scripts/lib/test-children.mjs). */
const exec = (command, args, options = {}) => execWith(command, args, { env: baseEnv, ...options });

async function step(name, fn) {
  const started = Date.now();
  let ok = false;
  try {
    ok = await fn();
  } finally {
    timings.push(`${ok ? 'ok  ' : 'FAIL'} ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  if (!ok) throw new UserError(`${name} failed`);
}

function testFiles(dir) {
  const abs = path.join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true })
    .map(String)
    .filter((f) => /\.test\.(ts|mts|mjs|js)$/.test(f) && !f.split(path.sep).includes('node_modules'))
    .sort()
    .map((f) => path.join(dir, f));
}

const NODE_SUMMARY = /^# (tests|pass|fail|cancelled|skipped|todo) \d+/;

let typechecked = false;

async function typecheck() {
  header('typecheck: next typegen && tsc --noEmit');
  // Route types (PageProps, LayoutProps) live in .next/types: generate them on a fresh clone.
  if ((await exec(process.execPath, [nextCli, 'typegen'])) !== 0) return false;
  typechecked = (await exec(bin('tsc'), ['--noEmit'])) === 0;
  return typechecked;
}

/** @param {Buffer[] | undefined} held where the output goes when lint runs beside the type check */
async function lint(held) {
  const say = (line) => (held ? held.push(Buffer.from(`${line}\n`)) : console.log(line));
  say(`\n━━━━ lint: eslint --max-warnings 0 . && npm run lint:imports ${'━'.repeat(20)}`);
  const code = await exec(bin('eslint'), ['--max-warnings', '0', '.'], { held });
  if (code !== 0) return false;
  say('eslint: no problems');
  // The import-direction rules (.dependency-cruiser.cjs); the folders it scans are named once, in package.json.
  return (await exec('npm', ['run', '--silent', 'lint:imports'], { held })) === 0;
}

async function integration() {
  header('integration tests (node --test, real PostgreSQL)');
  // Test files named on the command line run alone; other arguments go to node --test.
  const named = extraArgs.filter((a) => /\.test\.(ts|mts|mjs|js)$/.test(a));
  const flags = extraArgs.filter((a) => !named.includes(a));
  const missing = named.filter((f) => !existsSync(path.resolve(root, f)));
  if (missing.length > 0) throw new UserError(`no such test file: ${missing.join(', ')}`);
  const files = named.length > 0 ? named : testFiles('tests/integration');
  if (files.length === 0) {
    console.log('no integration test files (tests/integration/**/*.test.ts): skipped');
    return true;
  }
  // A migrated template: each test file runs on a copy of its own (tests/setup/own-database.mjs),
  // so two files run at once without seeing each other's rows.
  const url = await freshDatabase('int', { seeded: false });
  dropCopiesAtEnd(url);
  const env = { ...baseEnv, DATABASE_URL: url, QUIRE_TEST_TEMPLATE: url, TEST_DATABASE_URL: (await databaseServer()).base, NODE_ENV: 'test', SITE_URL: 'http://localhost:3000' };
  // react-server: the data layer starts with `import 'server-only'`, which only the server condition allows.
  const concurrency = process.env.QUIRE_TEST_CONCURRENCY ?? String(Math.min(2, availableParallelism()));
  const args = ['--conditions=react-server', '--import', 'tsx', '--import', './tests/setup/own-database.mjs', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=tap', ...flags, ...files];
  const ok = (await exec(process.execPath, args, { env, summary: NODE_SUMMARY })) === 0;
  // The copies go now, not at the end: seventy idle databases would keep autovacuum busy
  // through the e2e part. Kept on failure with KEEP_TEST_DB=1, like the rest.
  if (ok || process.env.KEEP_TEST_DB !== '1') await dropCopies(url);
  return ok;
}

function needsPlaywrightBrowser() {
  if (existsSync('/usr/bin/chromium')) return false;
  return import('@playwright/test').then(({ chromium }) => !existsSync(chromium.executablePath()));
}

let e2eSiteUrl;
const BUILD_SITE_URL = 'http://build-time.quire.invalid';
let stopServices = () => {}; // the e2e helper servers, once started

async function e2e() {
  header('e2e tests (next build, production server, Playwright, Chromium)');
  const url = await freshDatabase('e2e', { seeded: true });
  const port = await getFreePort();
  e2eSiteUrl = `http://127.0.0.1:${port}`;
  const services = await startE2eServices(baseEnv, e2eSiteUrl);
  stopServices = services.stop;
  const env = {
    ...baseEnv,
    ...services.env,
    DATABASE_URL: url,
    SITE_URL: e2eSiteUrl,
    NEXTAUTH_URL: e2eSiteUrl,
    E2E_PORT: String(port),
  };

  // Build once, run anywhere: the build gets no database and another SITE_URL than the
  // server, so every spec proves the server shows its own database and address
  // (e2e/build-once.spec.ts checks the feeds, sitemap and canonical URLs outright).
  console.log(`build: next build without a database, SITE_URL=${BUILD_SITE_URL}`);
  const buildEnv = { ...env, DATABASE_URL: '', SITE_URL: BUILD_SITE_URL, NEXTAUTH_URL: BUILD_SITE_URL };
  // The typecheck part has passed in this run: the build need not type-check again (next.config.js).
  if (typechecked) buildEnv.QUIRE_BUILD_TYPECHECKED = '1';
  const hash = computeBuildHash(root, buildEnv);
  recordBuildHash(root, 'building'); // an interrupted build is never taken for a current one
  if ((await exec('npm', ['run', 'build', '--silent'], { env: buildEnv })) !== 0) return false;
  recordBuildHash(root, hash);

  if (await needsPlaywrightBrowser()) {
    console.log('chromium: neither /usr/bin/chromium nor Playwright\'s Chromium found: installing Playwright\'s');
    if ((await exec(bin('playwright'), ['install', 'chromium'])) !== 0) return false;
  }
  const summary = /^\s*\d+ (passed|failed|flaky|skipped|did not run|interrupted)\b/;
  const reportFile = path.join(root, '.e2e-report.json');
  rmSync(reportFile, { force: true });
  const code = await exec(bin('playwright'), ['test', ...extraArgs], { env: { ...env, E2E_JSON_REPORT: reportFile }, summary });
  e2eReport = e2eReportLines(reportFile);
  return code === 0;
}

async function startPath() {
  header('start-path test (npm start with an embedded PostgreSQL)');
  // The e2e run's SITE_URL (any would do: the build hash covers the sources only, so start.mjs reuses .next).
  const siteUrl = e2eSiteUrl ?? 'http://localhost:3000';
  const env = { ...baseEnv, SITE_URL: siteUrl, NEXTAUTH_URL: siteUrl };
  delete env.NODE_ENV;
  if (!e2eSiteUrl && buildState(root, computeBuildHash(root, env)) !== 'current') {
    console.log('(no current build: start.mjs will build first)');
  }
  const args = ['--test', '--test-reporter=tap', ...testFiles('tests/start')];
  return (await exec(process.execPath, args, { env, summary: NODE_SUMMARY })) === 0;
}

async function cleanUp() {
  stopServices();
  await dropRunDatabases({ keep: failed && process.env.KEEP_TEST_DB === '1' });
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    failed = true;
    console.error(`\ninterrupted (${signal}): cleaning up`);
    stopChildren();
  });
}

const steps = { typecheck, lint, integration, e2e, start: startPath };
const started = Date.now();
try {
  // The type check and lint at once (each uses one core): lint's output is held and printed after.
  const together = parts.includes('typecheck') && parts.includes('lint');
  for (const name of parts) {
    if (interrupted) break;
    if (together && name === 'lint') continue;
    if (together && name === 'typecheck') {
      const held = [];
      const results = await Promise.allSettled([step('typecheck', typecheck), step('lint', () => lint(held))]);
      process.stdout.write(Buffer.concat(held));
      const failure = results.find((r) => r.status === 'rejected');
      if (failure) throw failure.reason;
      continue;
    }
    await step(name, steps[name]);
  }
} catch (error) {
  failed = true;
  console.error(`\nerror: ${error.message}`);
} finally {
  await cleanUp().catch((error) => console.error(`warning: clean-up: ${error.message}`));
}

header(`summary (${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const line of timings) console.log(line);
if (summaries.length) console.log(summaries.join('\n'));
if (e2eReport.length) console.log(e2eReport.join('\n'));
console.log(failed || interrupted ? 'tests: FAILED' : 'tests: all passed');
process.exit(failed || interrupted ? 1 : 0);
