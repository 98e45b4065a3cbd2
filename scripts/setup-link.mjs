#!/usr/bin/env node
// `npm run setup-link`: prints the /setup link of a deployment while no admin can sign in.
// DATABASE_URL, AUTH_SECRET and SITE_URL from the environment or .env (AUTH_SECRET falls back
// to the one `npm start` generated in .data/auth-secret, or QUIRE_DATA_DIR).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setupLink } from '../lib/auth/setup-link.mjs';
import { signableAdminExists } from './lib/admins.mjs';
import { loadEnv, root, UserError } from './lib/cli.mjs';

function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(path.resolve(process.env.QUIRE_DATA_DIR ?? path.join(root, '.data')), 'auth-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  throw new UserError('AUTH_SECRET is not set: use the same value as the running site (environment or .env)');
}

async function main() {
  loadEnv();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throw new UserError('DATABASE_URL is not set: point it at the site\'s database (with the embedded database, `npm start` prints the link itself)');
  }
  const secret = authSecret();
  const siteUrl = process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  if (await signableAdminExists(databaseUrl)) {
    throw new UserError('an admin can already sign in, so /setup is closed; change roles with `npm run user -- role <email> <ROLE>`');
  }
  console.log(`Create the first admin account: ${setupLink(siteUrl, secret)}`);
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof UserError)) console.error(error);
  process.exit(1);
});
