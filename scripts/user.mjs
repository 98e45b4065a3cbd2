#!/usr/bin/env node
// `npm run user -- role <email> <ROLE>`: gives a user a role (DATABASE_URL from the environment
// or .env). Roles are read on every request, so the change applies at once; it ends the user's sessions. The last admin who
// can sign in is never demoted: nobody could give the role back from the admin area.
import { ADMIN_LOCK_KEY, SIGNABLE_ADMIN } from '../lib/auth/setup-link.mjs';
import { withClient } from './lib/admins.mjs';
import { loadEnv, UserError } from './lib/cli.mjs';

const ROLES = ['MEMBER', 'CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'];
const USAGE = `usage: npm run user -- role <email> <${ROLES.join('|')}>`;

async function setRole(client, email, role) {
  await client.query('BEGIN');
  try {
    // The lock /setup takes, and the admin rows /admin/users locks (lib/dal/users-admin.ts):
    // no setup or other role change slips in between check and update.
    await client.query('SELECT pg_advisory_xact_lock($1::bigint)', [ADMIN_LOCK_KEY]);
    await client.query(`SELECT id FROM users WHERE role = 'ADMIN' AND banned_at IS NULL ORDER BY id FOR UPDATE`);
    const { rows } = await client.query(
      `SELECT id, email, role, (${SIGNABLE_ADMIN}) AS signable, password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = users.id) AS "canSignIn"
       FROM users WHERE lower(email) = lower($1) ORDER BY created_at LIMIT 1`,
      [email],
    );
    const user = rows[0];
    if (!user) throw new UserError(`no user has the email ${JSON.stringify(email)}`);
    if (user.signable && role !== 'ADMIN') {
      const others = await client.query(`SELECT 1 FROM users WHERE ${SIGNABLE_ADMIN} AND id <> $1 LIMIT 1`, [user.id]);
      if (others.rowCount === 0) throw new UserError(`${user.email} is the last admin who can sign in; make someone else ADMIN first`);
    }
    // A change of role ends the user's sessions, as in /admin/users (lib/dal/users-admin.ts).
    if (user.role !== role) await client.query('UPDATE users SET role = $2, session_version = session_version + 1, updated_at = now() WHERE id = $1', [user.id, role]);
    await client.query('COMMIT');
    return user;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

async function main() {
  const [command, email, rawRole, ...rest] = process.argv.slice(2);
  if (command !== 'role' || !email || !rawRole || rest.length > 0) throw new UserError(USAGE);
  const role = rawRole.toUpperCase();
  if (!ROLES.includes(role)) throw new UserError(`unknown role ${JSON.stringify(rawRole)}: use one of ${ROLES.join(', ')}`);
  loadEnv();
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new UserError('DATABASE_URL is not set: point it at the site\'s database (environment or .env)');

  const user = await withClient(databaseUrl, (client) => setRole(client, email, role));
  console.log(user.role === role ? `${user.email} is already ${role}` : `${user.email} is now ${role} (was ${user.role})`);
  if (!user.canSignIn) console.log(`note: ${user.email} has no password and no sign-in provider, so cannot sign in yet: with SMTP set, "Forgot your password?" on /signin sends them a link to choose one`);
}

main().catch((error) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  if (!(error instanceof UserError)) console.error(error);
  process.exit(1);
});
