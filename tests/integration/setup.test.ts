import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import type pg from 'pg';
import { setupToken } from '../../lib/auth/setup-link.mjs';
import { insertUser, openSetup, roleOf } from './helpers/admins';
import { pool } from './helpers/fixtures';

// The first admin (/setup: lib/auth/first-admin.ts, lib/dal/first-admin.ts) against a real
// PostgreSQL: only with the setup link's token, only while no admin can sign in, once.

type FirstAdmin = typeof import('../../lib/auth/first-admin');
type Dal = typeof import('../../lib/dal/first-admin');
type Users = typeof import('../../lib/dal/users');
type Password = typeof import('../../lib/auth/password');
let firstAdmin: FirstAdmin;
let dal: Dal;
let users: Users;
let password: Password;
let db: pg.Pool;
let disconnect: () => Promise<void>;
const restores: (() => Promise<void>)[] = [];

before(async () => {
  firstAdmin = await import('../../lib/auth/first-admin');
  dal = await import('../../lib/dal/first-admin');
  users = await import('../../lib/dal/users');
  password = await import('../../lib/auth/password');
  const { db: prisma } = await import('../../lib/db');
  disconnect = () => prisma.$disconnect();
  db = pool();
});
// Every test starts on a site where no admin can sign in.
beforeEach(async () => {
  restores.push(await openSetup(db));
});
after(async () => {
  for (const restore of restores.reverse()) await restore();
  await db.end();
  await disconnect();
});

const TOKEN = setupToken(process.env.AUTH_SECRET ?? '');
const GOOD_PASSWORD = 'violet-harbor-lantern-42';
const tag = () => randomUUID().slice(0, 8);

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries({ token: TOKEN, name: 'Site Owner', password: GOOD_PASSWORD, ...fields })) data.set(key, value);
  return data;
}

async function countUsers(email: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users WHERE lower(email) = lower($1)', [email]);
  return rows[0]?.n ?? -1;
}

test('setup creates a verified ADMIN whose password signs in, and then closes', async () => {
  assert.ok(TOKEN.length > 20, 'AUTH_SECRET is set for the tests');
  assert.equal(await dal.getSetupState(TOKEN), 'open');
  const email = `owner.${tag()}@example.test`;
  const outcome = await firstAdmin.setUpFirstAdmin(form({ email: `  ${email.toUpperCase()} ` }), `ip-${tag()}`);
  assert.equal(outcome.ok, true, JSON.stringify(outcome));

  const credentials = await users.getCredentials(email);
  assert.ok(credentials, 'the address is stored lower-cased');
  assert.equal(credentials.emailConfirmed, true);
  assert.equal(await password.checkPassword(credentials.passwordHash, GOOD_PASSWORD), true);
  assert.equal(await password.checkPassword(credentials.passwordHash, 'not-the-password-1'), false);
  assert.equal(await roleOf(db, email), 'ADMIN');

  assert.equal(await dal.getSetupState(TOKEN), 'closed');
  const late = `late.${tag()}@example.test`;
  const second = await firstAdmin.setUpFirstAdmin(form({ email: late }), `ip-${tag()}`);
  assert.equal(second.ok, false);
  assert.equal(second.ok ? 0 : second.state.status, 410);
  assert.equal(await countUsers(late), 0);
});

test('a wrong or missing token is refused and creates nothing', async () => {
  assert.equal(await dal.getSetupState('wrong-token'), 'bad-token');
  assert.equal(await dal.getSetupState(null), 'bad-token');
  for (const token of [`${TOKEN.slice(0, -1)}x`, '', null]) {
    const email = `stranger.${tag()}@example.test`;
    const data = form({ email });
    if (token === null) data.delete('token');
    else data.set('token', token);
    const outcome = await firstAdmin.setUpFirstAdmin(data, `ip-${tag()}`);
    assert.equal(outcome.ok, false);
    assert.equal(outcome.ok ? null : outcome.state.message, firstAdmin.SETUP_REFUSED);
    assert.equal(outcome.ok ? 0 : outcome.state.status, 403);
    assert.equal(await countUsers(email), 0);
  }
});

test('two setups at once: exactly one admin is created', async () => {
  const emails = [`one.${tag()}@example.test`, `two.${tag()}@example.test`];
  const outcomes = await Promise.all(emails.map((email) => firstAdmin.setUpFirstAdmin(form({ email }), `ip-${tag()}`)));
  assert.deepEqual(outcomes.map((o) => o.ok).sort(), [false, true]);
  const loser = outcomes.find((o) => !o.ok);
  assert.equal(loser && !loser.ok ? loser.state.status : 0, 410);
  const roles = await Promise.all(emails.map((email) => roleOf(db, email)));
  assert.deepEqual(roles.sort(), ['ADMIN', null]);
});

test('only an admin who can sign in closes setup: a password or a provider, and no ban', async () => {
  await insertUser(db, { role: 'ADMIN', passwordHash: null });
  await insertUser(db, { role: 'ADMIN', banned: true });
  await insertUser(db, { role: 'EDITOR' });
  assert.equal(await dal.getSetupState(TOKEN), 'open', 'the seed admin without a password, a banned admin and an editor do not count');
  await insertUser(db, { role: 'ADMIN', passwordHash: null, provider: true });
  assert.equal(await dal.getSetupState(TOKEN), 'closed', 'an admin with a provider account can sign in');
  assert.equal(await dal.getSetupState('wrong-token'), 'bad-token', 'without the token, the same refusal as before');
});

test('an email that already has an account is a field error; the account is untouched', async () => {
  const member = await insertUser(db, { role: 'MEMBER' });
  const outcome = await firstAdmin.setUpFirstAdmin(form({ email: member.email.toUpperCase(), name: 'Kept Name' }), `ip-${tag()}`);
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.match(outcome.state.fieldErrors?.email ?? '', /already belongs to an account/);
  assert.deepEqual(outcome.state.values, { name: 'Kept Name', email: member.email.toUpperCase(), token: TOKEN });
  assert.equal(await roleOf(db, member.email), 'MEMBER');
  assert.equal(await dal.getSetupState(TOKEN), 'open');
});

test('password rules are sign-up’s: short, common or containing the email are field errors, and what was typed is kept', async () => {
  const email = `rules.${tag()}@example.test`;
  const cases: [string, RegExp][] = [
    ['short-1', /at least 10 characters/i],
    ['password123', /most common/i],
    [`${email.split('@')[0]}-secret`, /email address/i],
  ];
  for (const [weak, expected] of cases) {
    const outcome = await firstAdmin.setUpFirstAdmin(form({ email, name: 'Typed Name', password: weak }), `ip-${tag()}`);
    assert.equal(outcome.ok, false, weak);
    if (outcome.ok) return;
    assert.match(outcome.state.fieldErrors?.password ?? '', expected, weak);
    assert.deepEqual(outcome.state.values, { name: 'Typed Name', email, token: TOKEN }, 'the password is never sent back');
  }
  const invalid = await firstAdmin.setUpFirstAdmin(form({ email: 'not-an-email', name: '' }), `ip-${tag()}`);
  assert.equal(invalid.ok, false);
  assert.deepEqual(Object.keys((!invalid.ok && invalid.state.fieldErrors) || {}).sort(), ['email', 'name']);
  assert.equal(await countUsers(email), 0);
});
