#!/usr/bin/env node
// `npm start` / `npm run dev`: database (embedded PostgreSQL unless DATABASE_URL is set), migrations,
// seed when empty, build when missing or stale, then the server. Ctrl-C stops the server, then the
// database. Any bad setting ends the start with one line naming it (exit 1).
// Environment: DATABASE_URL, AUTH_SECRET, SITE_URL, PORT (see .env.example); QUIRE_DATA_DIR moves .data.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { setupLink } from '../lib/auth/setup-link.mjs';
import { signableAdminExists, withClient } from './lib/admins.mjs';
import { computeBuildHash, buildState, recordBuildHash } from './lib/build-hash.mjs';
import { describeUrl, loadEnv, root, run, UserError, waitForPort, withDatabase } from './lib/cli.mjs';
import { importFiles, pendingFiles, uploadsDir } from './lib/media-import.mjs';
import { isPortFree, startEmbeddedPostgres } from './embedded-db.mjs';
import { heapArgs, mallocEnv } from '../server/heap.mjs';

const dev = process.argv.includes('--dev');
const say = (line) => console.log(line);
const shown = (p) => path.relative(process.cwd(), p) || p;

let database; // { stop } of the embedded server, when we started one
let child; // the process currently running on our behalf (build or server)
let shuttingDown = false;

async function stopChild() {
  const current = child;
  if (!current || current.exitCode !== null || current.signalCode !== null) return;
  await new Promise((resolve) => {
    const force = setTimeout(() => current.kill('SIGKILL'), 10_000);
    current.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    current.kill('SIGTERM');
  });
}

async function shutdown(code) {
  if (shuttingDown) return;
  shuttingDown = true;
  await stopChild();
  await database?.stop();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (!shuttingDown) say('stopping…');
    void shutdown(0);
  });
}

function readPort() {
  const raw = process.env.PORT ?? '3000';
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new UserError(`PORT must be a number from 1 to 65535 (got ${JSON.stringify(raw)})`);
  }
  return port;
}

function readHeapArgs() {
  try {
    return heapArgs(process.env);
  } catch (error) {
    throw new UserError(error.message);
  }
}

function checkUrl(name, value, protocols) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(`${name} is not a valid URL (got ${JSON.stringify(value)})`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new UserError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')} (got ${JSON.stringify(value)})`);
  }
}

// Sessions must survive restarts, so the generated secret is kept in the data dir.
function localAuthSecret(dataDir) {
  const file = path.join(dataDir, 'auth-secret');
  if (existsSync(file)) {
    say(`auth: using the local AUTH_SECRET in ${shown(file)}`);
    return readFileSync(file, 'utf8').trim();
  }
  const secret = randomBytes(32).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  say(`auth: generated a local AUTH_SECRET in ${shown(file)} (set AUTH_SECRET yourself in production)`);
  return secret;
}

// A new site's seed admin has no password: until some admin can sign in, the way in is /setup.
async function announceSetup(databaseUrl, secret) {
  try {
    if (await signableAdminExists(databaseUrl)) return;
    say(`setup: create the first admin account: ${setupLink(process.env.SITE_URL, secret)}`);
  } catch (error) {
    say(`setup: could not check for an admin account (${error.message}); \`npm run setup-link\` prints the setup link`);
  }
}

// Uploads from before they lived in PostgreSQL: stored before serving, so every address
// keeps working. A file that cannot be imported is named and skipped: the site still starts.
async function importUploadFiles(databaseUrl) {
  const dir = uploadsDir(process.env, root);
  await withClient(databaseUrl, async (client) => {
    if ((await pendingFiles(client, dir)).length === 0) return;
    say(`media: importing upload files from ${shown(dir)} into the database`);
    const result = await importFiles(client, dir, (line) => say(`media: ${line}`));
    say(`media: ${result.imported} imported, ${result.skipped} already stored, ${result.failed.length} not imported`);
    if (result.failed.length > 0) say('media: the files not imported stay where they are; `npm run media:import-files` retries them');
  });
}

async function main() {
  loadEnv();
  const { ensureDatabase, migrate, seed } = await import('./db.mjs');
  const dataDir = path.resolve(process.env.QUIRE_DATA_DIR ?? path.join(root, '.data'));

  const port = readPort();
  const serverFlags = dev ? [] : readHeapArgs();
  process.env.SITE_URL ??= `http://localhost:${port}`;
  checkUrl('SITE_URL', process.env.SITE_URL, ['http:', 'https:']);
  process.env.NEXTAUTH_URL ??= process.env.SITE_URL;
  if (!(await isPortFree(port))) throw new UserError(`port ${port} is already in use (set PORT to use another one)`);

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    checkUrl('DATABASE_URL', databaseUrl, ['postgresql:', 'postgres:']);
    await ensureDatabase(databaseUrl);
    say(`database: PostgreSQL at ${describeUrl(databaseUrl)} (from DATABASE_URL)`);
  } else {
    database = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'postgres') });
    if (shuttingDown) return;
    databaseUrl = withDatabase(database.url, 'quire');
    await ensureDatabase(databaseUrl);
    say(`database: embedded PostgreSQL at ${describeUrl(databaseUrl)} (data in ${shown(database.dataDir)})`);
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    NEXT_TELEMETRY_DISABLED: '1',
    CHECKPOINT_DISABLE: '1',
  };
  env.AUTH_SECRET ??= localAuthSecret(dataDir);
  env.NEXTAUTH_SECRET ??= env.AUTH_SECRET;

  const migrated = await migrate(databaseUrl);
  say(/No pending migrations/.test(migrated) ? 'migrations: up to date' : 'migrations: applied');
  const seeded = await seed(databaseUrl, { ifEmpty: true });
  say(seeded.skipped ? 'seed: skipped (the database already has posts)' : 'seed: seeded an empty database');
  await importUploadFiles(databaseUrl);
  if (shuttingDown) return;

  const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
  let command;
  if (dev) {
    command = [next, 'dev', '-p', String(port)];
  } else {
    const hash = computeBuildHash(root, env);
    const state = buildState(root, hash);
    if (state === 'current') {
      say('build: up to date');
    } else {
      say(`build: building… (${state === 'missing' ? 'no build yet' : 'sources changed since the last build'})`);
      recordBuildHash(root, 'building'); // an interrupted build is never taken for a current one
      const code = await run('npm', ['run', 'build', '--silent'], { env, onSpawn: (c) => (child = c) });
      if (shuttingDown) return;
      if (code !== 0) throw new UserError(`the build failed (exit ${code}); see the output above`);
      recordBuildHash(root, hash);
      say('build: done');
    }
    // The production server: Next behind its microcache; it prints the "ready" line itself.
    command = [...serverFlags, path.join(root, 'server', 'server.mjs')];
    Object.assign(env, mallocEnv(env));
  }

  child = spawn(process.execPath, command, { cwd: root, env: { ...env, PORT: String(port) }, stdio: 'inherit' });
  const server = child;
  server.once('exit', (code, signal) => {
    // A Ctrl-C in the terminal reaches the server and us together: let our signal handler win.
    setTimeout(() => {
      if (shuttingDown) return;
      const interrupted = signal === 'SIGINT' || signal === 'SIGTERM';
      if (!interrupted) console.error(`error: the server exited (${signal ?? `exit ${code}`})`);
      void shutdown(interrupted ? 0 : (code ?? 1));
    }, 300);
  });
  if (await waitForPort(port, '127.0.0.1', 120_000, () => shuttingDown || server.exitCode !== null)) {
    if (dev) say(`ready: http://localhost:${port}`);
    await announceSetup(databaseUrl, env.AUTH_SECRET);
  }
}

main().catch(async (error) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`error: ${message}`);
  // Programming errors keep their stack; configuration and database problems are one line.
  if (error instanceof TypeError || error instanceof ReferenceError || !(error instanceof Error)) console.error(error);
  await shutdown(1);
});
