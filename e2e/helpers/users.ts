import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import type { BrowserContext } from '@playwright/test';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { PASSWORD } from './fixtures';
import { ACCOUNT_COOKIE, SESSION_COOKIE } from '../../lib/cookie-names.mjs';

// Users for e2e tests, written straight into the test database, and sessions minted the
// way the app mints them (next-auth's JWT cookie, signed with the run's AUTH_SECRET), so
// a test can be any role without clicking through sign-up.

export type Role = 'ADMIN' | 'EDITOR' | 'AUTHOR' | 'CONTRIBUTOR' | 'MEMBER';
export type TestUser = { id: string; email: string; name: string; role: Role };

let pool: pg.Pool | undefined;
export function db(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('e2e: DATABASE_URL is not set; run the e2e tests through `npm run test:e2e`');
  pool ??= new pg.Pool({ connectionString, max: 3, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return pool;
}

let passwordHash: Promise<string> | undefined;

/**
 * A user with a role (and the shared test password), optionally banned. Its email is
 * confirmed unless `verified: false` (an account still waiting for its confirmation link).
 * `pool`: another database than the run's (a cluster's own, e2e/helpers/cluster.ts).
 */
export async function createUser({
  role = 'MEMBER',
  name,
  banned = false,
  verified = true,
  pool = db(),
}: { role?: Role; name?: string; banned?: boolean; verified?: boolean; pool?: pg.Pool } = {}): Promise<TestUser> {
  passwordHash ??= hash(PASSWORD);
  const id = `e${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const email = `${id}@example.test`;
  const display = name ?? `${role.charAt(0)}${role.slice(1).toLowerCase()} ${id.slice(-4)}`;
  await pool.query(
    'INSERT INTO users (id, email, name, role, password_hash, banned_at, email_verified, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())',
    [id, email, display, role, await passwordHash, banned ? new Date() : null, verified ? new Date() : null],
  );
  return { id, email, name: display, role };
}

async function sessionToken(user: TestUser): Promise<string> {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('e2e: AUTH_SECRET is not set; run the e2e tests through `npm run test:e2e`');
  // The account's current session version (`sv`), as a real sign-in would carry: a session minted after a ban or
  // a role change is a live one.
  const { rows } = await db().query<{ session_version: number }>('SELECT session_version FROM users WHERE id = $1', [user.id]);
  return encode({ token: { sub: user.id, name: user.name, email: user.email, sv: rows[0]?.session_version ?? 0 }, secret, maxAge: 3600 });
}

/** A Cookie header signing a plain HTTP client (Playwright's `request`) in as `user`. */
export async function sessionCookieHeader(user: TestUser): Promise<string> {
  return `${SESSION_COOKIE}=${await sessionToken(user)}`;
}

/** Signs a browser context in as `user`: the session cookie plus the header's name cookie. */
export async function signInAs(context: BrowserContext, user: TestUser, baseURL: string): Promise<void> {
  const token = await sessionToken(user);
  const url = new URL(baseURL);
  await context.addCookies([
    { name: SESSION_COOKIE, value: token, domain: url.hostname, path: '/', httpOnly: true, sameSite: 'Lax' },
    { name: ACCOUNT_COOKIE, value: encodeURIComponent(user.name), domain: url.hostname, path: '/', sameSite: 'Lax' },
  ]);
}
