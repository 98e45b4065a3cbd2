import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { resolveOAuthUser, type OAuthIdentity } from '../../lib/dal/accounts';
import { pool } from './helpers/fixtures';

// OAuth / OIDC sign-in resolution (lib/dal/accounts.ts) against a real PostgreSQL:
// find by account, link on a verified email only, refuse an unverified one, create once.

let db: pg.Pool;
before(() => {
  db = pool();
});
after(() => db.end());

const tag = () => randomUUID().slice(0, 8);

function identity(fields: Partial<OAuthIdentity> = {}): OAuthIdentity {
  return { provider: 'oidc', providerAccountId: `sub-${tag()}`, email: null, emailVerified: false, name: 'Someone', image: null, ...fields };
}

async function createPasswordUser(email: string, fields: { bannedAt?: Date; emailVerified?: Date } = {}): Promise<string> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(
    `INSERT INTO users (id, email, name, role, password_hash, banned_at, email_verified, updated_at) VALUES ($1, $2, 'Password Person', 'MEMBER', '$argon2id$fake', $3, $4, now())`,
    [id, email, fields.bannedAt ?? null, fields.emailVerified ?? null],
  );
  return id;
}

type UserRow = { id: string; email: string | null; email_verified: Date | null; name: string | null; image: string | null; role: string; password_hash: string | null };

async function user(id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT id, email, email_verified, name, image, role, password_hash FROM users WHERE id = $1', [id]);
  return rows[0];
}

async function accountsOf(provider: string, providerAccountId: string): Promise<{ user_id: string; type: string }[]> {
  const { rows } = await db.query<{ user_id: string; type: string }>(
    'SELECT user_id, type FROM accounts WHERE provider = $1 AND provider_account_id = $2',
    [provider, providerAccountId],
  );
  return rows;
}

async function countUsersWithEmail(email: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0]?.n ?? 0;
}

async function totals(): Promise<{ users: number; accounts: number }> {
  const { rows } = await db.query<{ users: number; accounts: number }>(
    'SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM accounts) AS accounts',
  );
  return rows[0] ?? { users: -1, accounts: -1 };
}

function userIdOf(result: Awaited<ReturnType<typeof resolveOAuthUser>>): string {
  assert.equal(result.ok, true, JSON.stringify(result));
  return result.ok ? result.userId : '';
}

test('a first sign-in with a verified email creates a member with that email, verified, and the account', async () => {
  const email = `new.${tag()}@example.test`;
  const input = identity({ email, emailVerified: true, name: `  ${'N'.repeat(60)}  `, image: 'https://avatars.example.test/a.png' });
  const userId = userIdOf(await resolveOAuthUser(input));
  const row = await user(userId);
  assert.equal(row?.email, email);
  assert.ok(row?.email_verified instanceof Date);
  assert.equal(row?.name, 'N'.repeat(50));
  assert.equal(row?.image, 'https://avatars.example.test/a.png');
  assert.equal(row?.role, 'MEMBER');
  assert.equal(row?.password_hash, null);
  assert.deepEqual(await accountsOf('oidc', input.providerAccountId), [{ user_id: userId, type: 'oauth' }]);
});

test('a first sign-in with an unverified email creates a member without the email; an http image is dropped', async () => {
  const email = `unproven.${tag()}@example.test`;
  const input = identity({ provider: 'github', email, emailVerified: false, name: '   ', image: 'http://avatars.example.test/a.png' });
  const userId = userIdOf(await resolveOAuthUser(input));
  const row = await user(userId);
  assert.equal(row?.email, null);
  assert.equal(row?.email_verified, null);
  assert.equal(row?.name, null);
  assert.equal(row?.image, null);
  assert.equal(await countUsersWithEmail(email), 0);
  assert.deepEqual(await accountsOf('github', input.providerAccountId), [{ user_id: userId, type: 'oauth' }]);
});

test('the same account again is the same user, and nothing new is written', async () => {
  const input = identity({ email: `again.${tag()}@example.test`, emailVerified: true });
  const first = userIdOf(await resolveOAuthUser(input));
  const before = await totals();
  // A later sign-in whose profile changed (new email, now unverified) still resolves by the account.
  const second = userIdOf(await resolveOAuthUser({ ...input, email: `changed.${tag()}@example.test`, emailVerified: false, name: 'Renamed' }));
  assert.equal(second, first);
  assert.deepEqual(await totals(), before);
  assert.equal((await user(first))?.name, 'Someone');
});

test('a verified email links to an existing user whose email was verified before', async () => {
  const email = `linked.${tag()}@example.test`;
  const verifiedAt = new Date('2026-01-01T00:00:00Z');
  const existing = await createPasswordUser(email, { emailVerified: verifiedAt });
  const before = await totals();
  const input = identity({ provider: 'google', email, emailVerified: true, name: 'Google Name' });
  assert.equal(userIdOf(await resolveOAuthUser(input)), existing);
  assert.deepEqual(await accountsOf('google', input.providerAccountId), [{ user_id: existing, type: 'oauth' }]);
  const row = await user(existing);
  assert.equal(row?.name, 'Password Person', 'linking does not overwrite what the user chose');
  assert.deepEqual(await totals(), { users: before.users, accounts: before.accounts + 1 });
});

test('a verified provider email never joins an account whose email nobody verified (pre-account takeover)', async () => {
  const email = `squatted.${tag()}@example.test`;
  const existing = await createPasswordUser(email);
  const before = await totals();
  const input = identity({ provider: 'google', email, emailVerified: true, name: 'Real Owner' });
  assert.deepEqual(await resolveOAuthUser(input), { ok: false, reason: 'email-in-use' });
  assert.deepEqual(await totals(), before);
  assert.deepEqual(await accountsOf('google', input.providerAccountId), []);
  assert.equal((await user(existing))?.email_verified, null);
});

test('an unverified email matching an existing user is refused and nothing is created', async () => {
  const email = `taken.${tag()}@example.test`;
  const existing = await createPasswordUser(email);
  const before = await totals();
  const input = identity({ email, emailVerified: false, name: 'Unverified Person' });
  assert.deepEqual(await resolveOAuthUser(input), { ok: false, reason: 'email-in-use' });
  // Also when the provider spells the address differently.
  assert.deepEqual(await resolveOAuthUser({ ...input, email: email.toUpperCase() }), { ok: false, reason: 'email-in-use' });
  assert.deepEqual(await totals(), before);
  assert.deepEqual(await accountsOf('oidc', input.providerAccountId), []);
  assert.equal((await user(existing))?.email_verified, null);
});

test('emails are compared case-insensitively and stored lowercased', async () => {
  const t = tag();
  // A row written before emails were lowercased still matches.
  const legacy = await createPasswordUser(`Mixed.Case.${t}@Example.TEST`, { emailVerified: new Date() });
  assert.equal(userIdOf(await resolveOAuthUser(identity({ email: `mixed.case.${t}@example.test`, emailVerified: true }))), legacy);
  assert.equal(userIdOf(await resolveOAuthUser(identity({ email: `MIXED.case.${t}@EXAMPLE.test`, emailVerified: true }))), legacy);

  const created = userIdOf(await resolveOAuthUser(identity({ email: ` Upper.${t}@Example.Test `, emailVerified: true })));
  assert.equal((await user(created))?.email, `upper.${t}@example.test`);
});

test('an email is matched exactly: _ and % are not wildcards', async () => {
  const t = tag();
  const underscored = await createPasswordUser(`a_b.${t}@example.test`);
  const other = userIdOf(await resolveOAuthUser(identity({ email: `axb.${t}@example.test`, emailVerified: true })));
  assert.notEqual(other, underscored);
  const percent = userIdOf(await resolveOAuthUser(identity({ email: `%.${t}@example.test`, emailVerified: true })));
  assert.notEqual(percent, underscored);
  assert.notEqual(percent, other);
});

test('a banned user may still sign in (to read)', async () => {
  const email = `banned.${tag()}@example.test`;
  const banned = await createPasswordUser(email, { bannedAt: new Date(), emailVerified: new Date() });
  const input = identity({ email, emailVerified: true });
  assert.equal(userIdOf(await resolveOAuthUser(input)), banned);
  assert.equal(userIdOf(await resolveOAuthUser(input)), banned);
});

test('simultaneous first sign-ins of one account make one user and one account', async () => {
  for (const emailVerified of [true, false]) {
    const input = identity({ email: `race.${tag()}@example.test`, emailVerified });
    const before = await totals();
    const results = await Promise.all(Array.from({ length: 12 }, () => resolveOAuthUser(input)));
    const ids = new Set(results.map(userIdOf));
    assert.equal(ids.size, 1);
    assert.equal((await accountsOf('oidc', input.providerAccountId)).length, 1);
    assert.deepEqual(await totals(), { users: before.users + 1, accounts: before.accounts + 1 });
  }
});

test('simultaneous first sign-ins from two providers with one verified email make one user with both accounts', async () => {
  const email = `two.${tag()}@example.test`;
  const google = identity({ provider: 'google', email, emailVerified: true });
  const oidc = identity({ provider: 'oidc', email, emailVerified: true });
  const results = await Promise.all([google, oidc, google, oidc].map((i) => resolveOAuthUser(i)));
  const ids = new Set(results.map(userIdOf));
  assert.equal(ids.size, 1);
  assert.equal(await countUsersWithEmail(email), 1);
  const [userId] = ids;
  assert.deepEqual(await accountsOf('google', google.providerAccountId), [{ user_id: userId, type: 'oauth' }]);
  assert.deepEqual(await accountsOf('oidc', oidc.providerAccountId), [{ user_id: userId, type: 'oauth' }]);
});
