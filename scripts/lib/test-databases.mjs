// The databases of a test run (scripts/test.mjs): the server in DATABASE_URL, else an
// embedded PostgreSQL; a fresh, migrated database per part, named after the run; and
// dropping them all (with the per-file copies of a template) when the run ends.
import path from 'node:path';
import { startEmbeddedPostgres } from '../embedded-db.mjs';
import { describeUrl, root, withDatabase } from './cli.mjs';

let server; // { base, stop? }
const created = [];
const copiesOf = []; // template databases whose per-file copies are dropped at the end

// Imported when first needed: the caller loads .env before (scripts/lib/cli.mjs loadEnv).
const db = () => import('../db.mjs');

/** The database server of the run: `{ base }`, the URL of its `postgres` database. */
export async function databaseServer() {
  if (server) return server;
  if (process.env.DATABASE_URL) {
    server = { base: withDatabase(process.env.DATABASE_URL, 'postgres') };
    console.log(`database server: ${describeUrl(server.base)} (from DATABASE_URL)`);
  } else {
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, '.data', 'test-postgres'), port: 54339 });
    server = { base: embedded.url, stop: embedded.stop };
    console.log(`database server: embedded PostgreSQL at ${describeUrl(server.base)}`);
  }
  return server;
}

/** A fresh, migrated (and optionally seeded) database of its own for this run. */
export async function freshDatabase(purpose, { seeded }) {
  const { ensureDatabase, migrate, seed } = await db();
  const { base } = await databaseServer();
  const url = withDatabase(base, `quire_test_${process.pid}_${Date.now()}_${purpose}`);
  await ensureDatabase(url);
  created.push(url);
  await migrate(url);
  if (seeded) await seed(url, { ifEmpty: true });
  console.log(`database: ${describeUrl(url)} created, migrated${seeded ? ', seeded' : ''}`);
  return url;
}

/** `template`'s per-file copies (tests/setup/own-database.mjs) go with the run's databases. */
export function dropCopiesAtEnd(template) {
  copiesOf.push(template);
}

/** Drops `template`'s per-file copies now. */
export async function dropCopies(template) {
  const { databaseCopies, dropDatabase } = await db();
  for (const copy of await databaseCopies(template).catch(() => [])) await dropDatabase(copy).catch(() => {});
}

/** Drops every database of the run (or names them, `keep`), then stops an embedded server. */
export async function dropRunDatabases({ keep }) {
  const { databaseCopies, dropDatabase } = await db();
  for (const template of copiesOf) {
    const copies = await databaseCopies(template).catch(() => []);
    created.push(...copies);
  }
  for (const url of created) {
    if (keep) {
      console.log(`kept database ${describeUrl(url)} (KEEP_TEST_DB=1)`);
      continue;
    }
    await dropDatabase(url).catch((error) => console.error(`warning: could not drop ${describeUrl(url)}: ${error.message}`));
  }
  // Kept databases stay in .data/test-postgres when the server is the embedded one.
  await server?.stop?.();
}
