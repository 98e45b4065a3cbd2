import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, beforeEach, test } from 'node:test';
import type pg from 'pg';
import { setupToken } from '../../lib/auth/setup-link.mjs';
import { insertUser, openSetup, roleOf } from './helpers/admins';
import { pool } from './helpers/fixtures';

// The operators' scripts, run as `npm run` runs them, against the test database:
// `npm run user -- role <email> <ROLE>` (scripts/user.mjs) and `npm run setup-link`.

let db: pg.Pool;
const restores: (() => Promise<void>)[] = [];
before(() => {
  db = pool();
});
beforeEach(async () => {
  restores.push(await openSetup(db));
});
after(async () => {
  for (const restore of restores.reverse()) await restore();
  await db.end();
});

type Run = { code: number; stdout: string; stderr: string };

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

const user = (args: string[], env?: Record<string, string>) => run('scripts/user.mjs', ['role', ...args], env);

test('user role: changes the role, says what it was, accepts lower case', async () => {
  const member = await insertUser(db, { role: 'MEMBER' });
  const result = await user([member.email.toUpperCase(), 'editor']);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), `${member.email} is now EDITOR (was MEMBER)`);
  assert.equal(await roleOf(db, member.email), 'EDITOR');
  const version = async () => (await db.query<{ v: number }>('SELECT session_version AS v FROM users WHERE id = $1', [member.id])).rows[0]?.v;
  assert.equal(await version(), 1, 'the change ended their sessions (lib/dal/users.ts revokeSessions)');
  assert.equal((await user([member.email, 'EDITOR'])).code, 0);
  assert.equal(await version(), 1, 'the same role again ends nothing');
});

test('user role: a user who cannot sign in becomes admin with a note, and does not count as one', async () => {
  const seedLike = await insertUser(db, { role: 'AUTHOR', passwordHash: null });
  const result = await user([seedLike.email, 'ADMIN']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /is now ADMIN \(was AUTHOR\)\nnote: .* cannot sign in yet/);
  // No admin can sign in yet, so the only signable candidate may still be changed freely.
  assert.equal((await user([seedLike.email, 'MEMBER'])).code, 0);
});

test('user role: unknown email, unknown role, bad usage and a missing DATABASE_URL are clear errors that change nothing', async () => {
  const member = await insertUser(db, { role: 'MEMBER' });
  const cases: [Promise<Run>, RegExp][] = [
    [user(['nobody-here@example.test', 'ADMIN']), /^error: no user has the email "nobody-here@example\.test"$/],
    [user([member.email, 'OWNER']), /^error: unknown role "OWNER": use one of MEMBER, CONTRIBUTOR, AUTHOR, EDITOR, ADMIN$/],
    [run('scripts/user.mjs', ['promote', member.email]), /^error: usage: npm run user -- role <email> <MEMBER\|CONTRIBUTOR\|AUTHOR\|EDITOR\|ADMIN>$/],
    [user([member.email, 'ADMIN'], { DATABASE_URL: '' }), /^error: DATABASE_URL is not set/],
  ];
  for (const [pending, expected] of cases) {
    const result = await pending;
    assert.equal(result.code, 1, result.stdout);
    assert.match(result.stderr.trim(), expected);
  }
  assert.equal(await roleOf(db, member.email), 'MEMBER');
});

test('user role: the last admin who can sign in is not demoted; with a second one, it is', async () => {
  const first = await insertUser(db, { role: 'ADMIN' });
  const refused = await user([first.email, 'EDITOR']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /is the last admin who can sign in; make someone else ADMIN first/);
  assert.equal(await roleOf(db, first.email), 'ADMIN');

  const second = await insertUser(db, { role: 'EDITOR' });
  assert.equal((await user([second.email, 'ADMIN'])).code, 0);
  const demoted = await user([first.email, 'EDITOR']);
  assert.equal(demoted.code, 0, demoted.stderr);
  assert.equal(await roleOf(db, first.email), 'EDITOR');
});

test('setup-link prints the link while no admin can sign in, and refuses afterwards', async () => {
  const env = { SITE_URL: 'https://blog.example.test', AUTH_SECRET: 'another-secret-for-the-link-0123' };
  const open = await run('scripts/setup-link.mjs', [], env);
  assert.equal(open.code, 0, open.stderr);
  const expected = `https://blog.example.test/setup?token=${setupToken(env.AUTH_SECRET)}`;
  assert.equal(open.stdout.trim(), `Create the first admin account: ${expected}`);

  const missing = await run('scripts/setup-link.mjs', [], { ...env, DATABASE_URL: '' });
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /^error: DATABASE_URL is not set/);

  await insertUser(db, { role: 'ADMIN' });
  const closed = await run('scripts/setup-link.mjs', [], env);
  assert.equal(closed.code, 1);
  assert.match(closed.stderr, /an admin can already sign in, so \/setup is closed/);
  assert.equal(closed.stdout, '');
});
