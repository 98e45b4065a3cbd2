// The driver adapter the WebAssembly schema engine talks to Postgres through: @prisma/adapter-pg,
// with three fixes the engine needs and the stock adapter lacks (see each comment).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
// A dependency of @prisma/adapter-pg (same version); it wraps results the way the engine expects.
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { withDatabase } from '../lib/cli.mjs';

const CHAR_OID = 18; // Postgres' internal one-byte "char" type
const TEXT_OID = 25;

// 1. The engine's introspection reads catalog columns of type "char" (pg_class.relkind,
//    pg_constraint.contype …); the adapter rejects that type OID. pg already hands the values over
//    as strings, so relabel those columns as text.
function relabelCharColumns(result) {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const field of r?.fields ?? []) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof values === 'function') [callback, values] = [values, undefined];
    if (typeof callback === 'function') {
      return super.query(config, values, (err, res) => callback(err, err ? res : relabelCharColumns(res)));
    }
    const pending = super.query(config, values);
    return typeof pending?.then === 'function' ? pending.then(relabelCharColumns) : pending;
  }
}

function poolConfig(url) {
  return { connectionString: url, Client: CharAsTextClient };
}

// 2. The stock executeScript splits the script on ";", which breaks function bodies ($$ … ; … $$)
//    in hand-written migrations. Send the script whole, as the native engine does (simple query
//    protocol: several statements, one implicit transaction).
async function connect(url) {
  const schema = new URL(url).searchParams.get('schema') ?? undefined;
  const adapter = await new PrismaPg(poolConfig(url), schema ? { schema } : undefined).connect();
  adapter.executeScript = async (script) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      adapter.onError(error); // rethrows as a DriverAdapterError the engine can report
    }
  };
  return adapter;
}

const leftoverShadowDbs = new Set();

// 3. The stock connectToShadowDb creates the shadow database, then opens a pool with
//    { connectionString, database }: pg lets the connection string win, so the "shadow" is the main
//    database. And it drops the shadow before closing that pool, which Postgres refuses.
async function connectToShadowDb(url, shadowDatabaseUrl) {
  if (shadowDatabaseUrl) return connect(shadowDatabaseUrl); // a configured one: the engine resets it
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await runOnServer(url, `CREATE DATABASE "${name}"`);
  leftoverShadowDbs.add(name);
  const shadow = await connect(withDatabase(url, name));
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    await dispose(); // closes the pool: no session may remain when the database is dropped
    await runOnServer(url, `DROP DATABASE IF EXISTS "${name}"`);
    leftoverShadowDbs.delete(name);
  };
  return shadow;
}

async function runOnServer(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Shadow databases whose dispose the engine never called (e.g. it failed midway). */
export async function dropLeftoverShadowDbs(url) {
  for (const name of leftoverShadowDbs) {
    await runOnServer(url, `DROP DATABASE IF EXISTS "${name}"`).catch(() => {});
  }
}

/** The adapter factory SchemaEngine.new expects, for datasource { url, shadowDatabaseUrl? }. */
export function adapterFactory({ url, shadowDatabaseUrl }) {
  return bindMigrationAwareSqlAdapterFactory({
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => connect(url),
    connectToShadowDb: () => connectToShadowDb(url, shadowDatabaseUrl),
  });
}
