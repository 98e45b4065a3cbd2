// Setup and teardown of what the bench measures: a fresh database (never a developer's),
// the build, and the app server as a child process.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedComments } from './comments.mjs';
import pg from 'pg';
import { ensureDatabase, dropDatabase, migrate, seed } from '../../scripts/db.mjs';
import { startEmbeddedPostgres, getFreePort } from '../../scripts/embedded-db.mjs';
import { withDatabase } from '../../scripts/lib/cli.mjs';
import { startChild, waitForHttp } from './procs.mjs';
import { heapArgs, mallocEnv } from '../../server/heap.mjs';
import { expireBuild } from '../../server/expire-build.mjs';

export const root = path.resolve(import.meta.dirname, '..', '..');
const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

async function answers(url) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Creates, migrates and seeds a database of its own on DATABASE_URL's server (else the
 * local 5432, else an embedded PostgreSQL in a temp dir). Returns { url, where, teardown }.
 * The state needed by teardown is set before each step, so a failure half-way still cleans up.
 */
export async function prepareDatabase({ say, keepDb = false }) {
  const state = { url: null, embedded: null, tmp: null };
  const teardown = async () => {
    if (state.url && !keepDb) await dropDatabase(state.url).catch((e) => say(`could not drop ${state.url}: ${e.message}`));
    if (state.embedded) await state.embedded.stop();
    if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
  };
  try {
    const base = process.env.DATABASE_URL || DEFAULT_SERVER;
    const name = `quire_bench_${Date.now().toString(36)}_${process.pid}`;
    let where;
    if (await answers(base)) {
      where = `${new URL(base).host} (${process.env.DATABASE_URL ? 'DATABASE_URL' : 'default'})`;
    } else {
      say(`no PostgreSQL answers at ${new URL(base).host}: starting an embedded one`);
      state.tmp = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-pg-'));
      state.embedded = await startEmbeddedPostgres({ dataDir: path.join(state.tmp, 'data'), port: await getFreePort() });
      where = `embedded PostgreSQL on port ${state.embedded.port}`;
    }
    state.url = withDatabase(state.embedded?.url ?? base, name);
    say(`database ${name} on ${where}: create, migrate, seed`);
    await ensureDatabase(state.url);
    await migrate(state.url);
    await seed(state.url);
    await seedComments(state.url);
    return { url: state.url, name, where, teardown };
  } catch (error) {
    await teardown();
    throw error;
  }
}

/** `npm run build` (it reads no database: build once, run anywhere), unless --no-build and a build exists. */
export async function buildApp({ databaseUrl, build, say }) {
  const hasBuild = existsSync(path.join(root, '.next', 'BUILD_ID'));
  if (!build && hasBuild) {
    say('--no-build: reusing .next');
    return { built: false };
  }
  if (!build) say('--no-build given but .next/BUILD_ID is missing: building');
  say('npm run build (a few minutes on 2 cores)');
  const started = Date.now();
  const child = startChild('npm', ['run', 'build'], { cwd: root, env: { DATABASE_URL: databaseUrl, NEXT_TELEMETRY_DISABLED: '1' } });
  const code = await new Promise((resolve) => child.once('exit', (c, s) => resolve(c ?? s)));
  if (code !== 0) throw new Error(`npm run build failed (${code}):\n${child.log.slice(-40).join('\n')}`);
  say(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return { built: true, seconds: (Date.now() - started) / 1000 };
}

/** Starts the app on a free port: `next start`, or the production server (--server quire). */
export async function startApp({ databaseUrl, server, cpuProfDir = '' }) {
  const port = await getFreePort();
  const env = {
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(24).toString('base64url'), // 32 characters
    SITE_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    HOST: '127.0.0.1', // server/server.mjs binds HOST; next start gets -H
    // The view bench makes distinct visitors with X-Forwarded-For, as a proxy in front would.
    TRUST_PROXY: '1',
    // The comment-posting bench measures the write path, not the limiter (1 per 10 s per reader).
    RATE_LIMIT_MULTIPLIER: '100000',
  };
  // node directly rather than `npx next`: no npm/sh wrappers in the measured process tree.
  const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(cpuProfDir)] : [];
  const [command, args] =
    server === 'quire'
      ? [process.execPath, [...profile, ...heapArgs(process.env), path.join(root, 'server', 'server.mjs')]]
      : [process.execPath, [...profile, path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', String(port), '-H', '127.0.0.1']];
  const child = startChild(command, args, { cwd: root, env: server === 'quire' ? { ...mallocEnv({ ...process.env, ...env }), ...env } : env });
  const origin = `http://127.0.0.1:${port}`;
  await waitForHttp(`${origin}/robots.txt`, child);
  // server/server.mjs expires the build's prerendered pages itself before it serves; under
  // bare `next start` the bench does it, so both serve this database's pages.
  if (server !== 'quire') await expireBuild({ origin, secret: env.AUTH_SECRET });
  return { child, origin, port, authSecret: env.AUTH_SECRET, label: server === 'quire' ? 'server/server.mjs (microcache)' : 'next start' };
}
