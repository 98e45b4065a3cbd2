#!/usr/bin/env node
// Database lifecycle shared by the start script, the test runner and developers:
//   node scripts/db.mjs migrate|seed|reset|create   (DATABASE_URL from the environment or .env;
//   DATABASE_DIRECT_URL, when set, wins: migrations must bypass PgBouncer)
// Errors are thrown as one readable line (or the Prisma CLI's output); callers print them.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Logger, runMigrations } from 'graphile-worker';
import pg from 'pg';
import { runPrisma } from './prisma.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parse(databaseUrl) {
  let url;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(`DATABASE_URL is not a valid PostgreSQL URL: ${JSON.stringify(String(databaseUrl ?? ''))}`);
  }
  const database = decodeURIComponent(url.pathname.slice(1));
  if (!database) throw new Error(`DATABASE_URL names no database (host ${url.hostname}:${url.port || 5432})`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return { database, location: `${url.hostname}:${url.port || 5432}`, adminUrl: admin.toString() };
}

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

// Runs fn with a client on the server's `postgres` database; connection failures become one line.
async function onServer(databaseUrl, fn) {
  const { location, adminUrl } = parse(databaseUrl);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    const reason = error.code && /^E[A-Z]+$/.test(error.code) ? 'no PostgreSQL server answers there' : error.message;
    await client.end().catch(() => {});
    throw new Error(`Cannot connect to PostgreSQL at ${location} (from DATABASE_URL): ${reason}${error.code ? ` (${error.code})` : ''}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates the database named in the URL unless it exists. Returns true if it created it. */
export async function ensureDatabase(databaseUrl) {
  const { database } = parse(databaseUrl);
  return onServer(databaseUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount > 0) return false;
    try {
      await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
      return true;
    } catch (error) {
      if (error.code === '42P04') return false; // created concurrently by someone else
      throw new Error(`Cannot create database "${database}": ${error.message}`);
    }
  });
}

/**
 * Drops the database named in the URL if it exists. Gently first: PostgreSQL's own DROP waits
 * up to 5 s for connections that are closing (a pool's end() resolves before its connections
 * have gone; terminated by WITH (FORCE) instead, each reaches its client as an error event,
 * which without a listener throws in that process). Connections still open after that are
 * closed by force.
 */
export async function dropDatabase(databaseUrl) {
  const { database } = parse(databaseUrl);
  if (database === 'postgres' || database.startsWith('template')) {
    throw new Error(`Refusing to drop the system database "${database}"`);
  }
  await onServer(databaseUrl, async (client) => {
    try {
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)}`);
    } catch (error) {
      if (error.code !== '55006') throw error; // object_in_use: someone still holds it
      await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
    }
  });
}

/** The URLs of the copies of a template database a test run made (`<name>_…`: tests/setup/own-database.mjs, scratch databases). */
export async function databaseCopies(templateUrl) {
  const { database } = parse(templateUrl);
  const { rows } = await onServer(templateUrl, (client) =>
    client.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [`${database}_`]),
  );
  return rows.map(({ datname }) => {
    const url = new URL(templateUrl);
    url.pathname = `/${datname}`;
    return url.toString();
  });
}

/** Applies the committed migrations (`prisma migrate deploy`), then the job queue's own. Returns the CLI's output. */
export async function migrate(databaseUrl) {
  const output = await migratePrisma(databaseUrl);
  await migrateJobs(databaseUrl);
  return `${output}\nJob queue (graphile-worker) schema up to date`;
}

/**
 * graphile-worker keeps its tables in the schema `graphile_worker` and migrates them itself;
 * doing it here (not at the worker's first start) means a web-only instance (JOBS_WORKER=0)
 * can enqueue on a fresh database, and two instances starting together never race on it.
 * DATABASE_DIRECT_URL when set: the migration takes an advisory lock PgBouncer cannot hold.
 */
async function migrateJobs(databaseUrl) {
  const direct = databaseUrl === process.env.DATABASE_URL ? process.env.DATABASE_DIRECT_URL : undefined;
  const pool = new pg.Pool({ connectionString: direct || databaseUrl, max: 2 });
  // A client's error outside a query; the migration's own query fails and says why.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  try {
    await runMigrations({ pgPool: pool, logger: quietLogger });
  } catch (error) {
    throw new Error(`Job queue migration failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await pool.end();
  }
}

// graphile-worker logs every step at info level; a migration only needs to say when it fails (thrown above).
const quietLogger = new Logger(() => () => {});

async function migratePrisma(databaseUrl) {
  parse(databaseUrl);
  const result = runPrisma(['migrate', 'deploy'], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: 'pipe' });
  const output = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
  // The exit code alone is not trusted: a crashed schema engine once left the CLI silent with 0.
  const succeeded = /All migrations have been successfully applied|No pending migrations to apply/.test(output);
  if (result.error || result.status !== 0 || !succeeded) {
    throw new Error(`prisma migrate deploy failed (exit ${result.status ?? result.error?.message}):\n${output || '(no output)'}`);
  }
  return result.stdout.trim();
}

/** Runs prisma/seed.ts. With ifEmpty, skips when `posts` already has a row. Returns { skipped, output }. */
export async function seed(databaseUrl, { ifEmpty = false } = {}) {
  parse(databaseUrl);
  if (ifEmpty && (await hasPosts(databaseUrl))) return { skipped: true, output: '' };
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [path.join('prisma', 'seed.ts')], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    stdio: 'pipe',
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.error || result.status !== 0) {
    throw new Error(`Seeding failed (exit ${result.status ?? result.error?.message}):\n${output || '(no output)'}`);
  }
  return { skipped: false, output };
}

async function hasPosts(databaseUrl) {
  const { location } = parse(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query('SELECT EXISTS (SELECT 1 FROM posts) AS found');
    return rows[0].found;
  } catch (error) {
    if (error.code === '42P01') throw new Error('Table "posts" does not exist: run the migrations first (npm run db:migrate)');
    throw new Error(`Cannot query PostgreSQL at ${location} (from DATABASE_URL): ${error.message}`);
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(command) {
  await import('dotenv/config');
  // Migrations take a session-level advisory lock and hold one connection throughout: behind
  // PgBouncer in transaction mode they must go to PostgreSQL itself (DATABASE_DIRECT_URL).
  const url = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set (put it in .env or the environment)');
  const { database, location } = parse(url);
  const where = `"${database}" at ${location}`;
  switch (command) {
    case 'create':
      console.log((await ensureDatabase(url)) ? `Created database ${where}` : `Database ${where} already exists`);
      break;
    case 'migrate':
      await ensureDatabase(url);
      console.log(await migrate(url));
      break;
    case 'seed':
      console.log((await seed(url)).output || `Seeded ${where}`);
      break;
    case 'reset':
      await dropDatabase(url);
      await ensureDatabase(url);
      await migrate(url);
      console.log((await seed(url)).output || '');
      console.log(`Reset ${where}: dropped, created, migrated, seeded`);
      break;
    default:
      throw new Error(`Usage: node scripts/db.mjs migrate|seed|reset|create (got ${JSON.stringify(command ?? '')})`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv[2]).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
