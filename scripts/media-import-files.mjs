#!/usr/bin/env node
// `npm run media:import-files`: stores the uploads in UPLOADS_DIR (else .data/uploads) in
// PostgreSQL (DATABASE_URL from the environment or .env), file by file, skipping those
// already stored. Exit 1 when some file could not be imported (each one is named with why).
import { withClient } from './lib/admins.mjs';
import { loadEnv, root, UserError } from './lib/cli.mjs';
import { importFiles, uploadsDir } from './lib/media-import.mjs';

async function main() {
  loadEnv();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new UserError("DATABASE_URL is not set: point it at the site's database (environment or .env)");
  const dir = uploadsDir(process.env, root);
  console.log(`media: importing files from ${dir}`);
  const result = await withClient(databaseUrl, (client) => importFiles(client, dir, (line) => console.log(line)));
  console.log(`media: ${result.imported} imported, ${result.skipped} already stored, ${result.failed.length} not imported`);
  if (result.failed.length > 0) {
    for (const { name, error } of result.failed) console.error(`error: ${name}: ${error}`);
    process.exit(1);
  }
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof UserError)) console.error(error);
  process.exit(1);
});
