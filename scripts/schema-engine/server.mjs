// Server-level commands the wasm engine does not offer (it only knows the database it is
// connected to): can we connect, and create the database. Errors carry Prisma's error codes,
// which the CLI acts on (P1003 "database does not exist" makes `migrate dev` create it).
import pg from 'pg';

function describe(url) {
  const u = new URL(url);
  return { database: decodeURIComponent(u.pathname.slice(1)) || 'postgres', location: `${u.hostname}:${u.port || 5432}` };
}

function toPrismaError(error, url) {
  const { database, location } = describe(url);
  if (error.code === '3D000') return { code: 'P1003', message: `Database \`${database}\` does not exist on the database server at \`${location}\`.` };
  if (error.code === '28P01' || error.code === '28000') return { code: 'P1000', message: `Authentication failed against database server at \`${location}\`: ${error.message}` };
  if (['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EAI_AGAIN'].includes(error.code)) {
    return { code: 'P1001', message: `Can't reach database server at \`${location}\`\n\nPlease make sure your database server is running at \`${location}\`.` };
  }
  return { code: undefined, message: error.message };
}

async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** null when we can connect, else { code, message }. */
export async function canConnect(url) {
  return withClient(url, () => null).catch((error) => toPrismaError(error, url));
}

/** Creates the database named in `url` (connecting to `postgres` on that server); returns its name. */
export async function createDatabase(url) {
  const { database } = describe(url);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withClient(admin.toString(), (client) => client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`)).catch((error) => {
    throw Object.assign(new Error(toPrismaError(error, url).message), { code: toPrismaError(error, url).code });
  });
  return database;
}

/** Adds the Prisma error code to the wasm engine's plain-text connection errors. */
export function withErrorCode(error) {
  const message = String(error?.message ?? error);
  if (/^Can't reach database server/.test(message)) error.code ??= 'P1001';
  else if (/^Database `[^`]*` does not exist/.test(message)) error.code ??= 'P1003';
  return error;
}
