// The database side of the first-admin scripts (npm start, npm run setup-link, npm run user):
// plain pg, outside Next. The rules themselves are in lib/auth/setup-link.mjs.
import pg from 'pg';
import { SIGNABLE_ADMIN_EXISTS_SQL } from '../../lib/auth/setup-link.mjs';
import { describeUrl, UserError } from './cli.mjs';

/** Runs fn with a client on the database in `databaseUrl`; a failed connection is one line. */
export async function withClient(databaseUrl, fn) {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw new UserError(`cannot connect to PostgreSQL at ${describeUrl(databaseUrl)} (from DATABASE_URL): ${error.message || error.code}`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Whether some admin can sign in (then /setup is closed). */
export function signableAdminExists(databaseUrl) {
  return withClient(databaseUrl, async (client) => (await client.query(SIGNABLE_ADMIN_EXISTS_SQL)).rows[0]?.exists === true);
}
