// A database copied from a migrated template (CREATE DATABASE … TEMPLATE: a file copy, no
// migrations run), for test runs: scripts/test.mjs migrates one template, and each integration
// test file (tests/setup/own-database.mjs) and each scratch database a test needs is a copy.
import pg from 'pg';

const databaseOf = (url) => decodeURIComponent(new URL(url).pathname.slice(1));

/** Creates `name` as a copy of the template database at `templateUrl`; returns the copy's URL. */
export async function copyDatabase(templateUrl, name) {
  const admin = new URL(templateUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    // PostgreSQL refuses a copy while anyone else is connected to the template (55006), and two
    // copies made at once are each connected to it for a moment: wait and try again.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}" TEMPLATE "${databaseOf(templateUrl).replaceAll('"', '""')}"`);
        break;
      } catch (error) {
        if (error.code !== '55006' || attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  } finally {
    await client.end();
  }
  const url = new URL(templateUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
