import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { encode } from 'next-auth/jwt';
import type pg from 'pg';
import { decodeSessionToken, sessionSuperseded, type Session } from '../../lib/auth/session-token.mjs';
import { createReaderStore } from '../../lib/comments/reader-store.mjs';
import { pool } from './helpers/fixtures';

// Ending sessions at once, against a real PostgreSQL: the token carries the account's
// session version (`sv`), and signing out everywhere, a ban and a role change move it on,
// so every check that reads the viewer (getViewer and proxy.ts through viewerForSession,
// the production server's signed-in pages through the reader store) refuses the old
// token. A password reset does the same (tests/integration/password-reset.test.ts).

const SECRET = 'session-revocation-test-secret';
let db: pg.Pool;
let users: typeof import('../../lib/dal/users');
let moderation: typeof import('../../lib/dal/moderation');
let usersAdmin: typeof import('../../lib/dal/users-admin');

before(async () => {
  users = await import('../../lib/dal/users');
  moderation = await import('../../lib/dal/moderation');
  usersAdmin = await import('../../lib/dal/users-admin');
  db = pool();
});

after(async () => {
  await db.end();
});

async function insertUser(role: string): Promise<string> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'Someone', $3, '$argon2id$fake', now())`, [id, `${id}@example.test`, role]);
  return id;
}

/** A session as the cookie carries it, through the real encoder and decoder. */
async function sessionOf(userId: string, sv?: number): Promise<Session> {
  const token = await encode({ token: { sub: userId, auth_time: Math.floor(Date.now() / 1000), ...(sv === undefined ? {} : { sv }) }, secret: SECRET });
  const session = await decodeSessionToken(token, SECRET);
  assert.ok(session);
  return session;
}

/** Whether each check that reads the viewer still accepts the session. */
async function accepted(session: Session): Promise<{ app: boolean; server: boolean }> {
  const app = (await users.viewerForSession(session)) !== null;
  const reader = await createReaderStore(db).readerOn('no-such-post', session.userId, new Date());
  return { app, server: reader !== null && !sessionSuperseded(session, reader) };
}

const LIVE = { app: true, server: true };
const OVER = { app: false, server: false };

test('a token carries the version it was made with; one made before versions existed counts as 0', async () => {
  const id = await insertUser('MEMBER');
  assert.equal((await sessionOf(id, 3)).version, 3);
  assert.equal((await sessionOf(id)).version, 0);
  assert.deepEqual(await accepted(await sessionOf(id)), LIVE, 'a new account is at version 0: old cookies keep working');
  assert.deepEqual(await accepted(await sessionOf(id, 1)), OVER, 'a version the account never had is refused');
});

test('signing out everywhere ends every session of the account, and only of that account', async () => {
  const id = await insertUser('MEMBER');
  const other = await insertUser('MEMBER');
  const [phone, laptop, others] = [await sessionOf(id, 0), await sessionOf(id, 0), await sessionOf(other, 0)];
  assert.deepEqual(await accepted(phone), LIVE);
  await users.revokeSessions(id);
  assert.deepEqual(await accepted(phone), OVER);
  assert.deepEqual(await accepted(laptop), OVER);
  assert.deepEqual(await accepted(others), LIVE, "someone else's session is untouched");
  const next = await users.getSessionVersion(id);
  assert.equal(next, 1, 'a sign-in afterwards (next-auth reads this) gets the new version');
  assert.deepEqual(await accepted(await sessionOf(id, next)), LIVE);
  const signingIn = await users.getCredentials(`${id}@example.test`);
  assert.equal(signingIn?.sessionVersion, 1, 'the password sign-in reads it with the hash');
});

test('a ban ends the member\'s sessions; an unban ends nothing', async () => {
  const editor = await users.viewerForSession(await sessionOf(await insertUser('EDITOR'), 0));
  assert.ok(editor);
  const member = await insertUser('MEMBER');
  const before = await sessionOf(member, 0);
  assert.deepEqual(await moderation.setBanned(editor, member, true), { ok: true });
  assert.deepEqual(await accepted(before), OVER);
  const banned = await sessionOf(member, await users.getSessionVersion(member));
  assert.equal((await users.viewerForSession(banned))?.banned, true, 'they may sign in again, as a banned member (reads only)');
  assert.deepEqual(await moderation.setBanned(editor, member, false), { ok: true });
  assert.deepEqual(await accepted(banned), LIVE, 'unbanning keeps the session they have');
});

test('a role change ends the user\'s sessions; setting the same role ends nothing', async () => {
  const admin = await users.viewerForSession(await sessionOf(await insertUser('ADMIN'), 0));
  assert.ok(admin);
  const author = await insertUser('AUTHOR');
  const before = await sessionOf(author, 0);
  const changed = await usersAdmin.changeUserRole(admin, author, 'MEMBER');
  assert.equal(changed.ok, true);
  assert.deepEqual(await accepted(before), OVER, 'the demoted author is signed out at once');
  const now = await sessionOf(author, await users.getSessionVersion(author));
  assert.equal((await users.viewerForSession(now))?.role, 'MEMBER');
  assert.equal((await usersAdmin.changeUserRole(admin, author, 'MEMBER')).ok, true);
  assert.deepEqual(await accepted(now), LIVE);
  assert.deepEqual(await accepted(await sessionOf(admin.id, 0)), LIVE, "the admin's own session is untouched");
});

test('a refused role change or ban ends nothing', async () => {
  const member = await insertUser('MEMBER');
  const target = await insertUser('AUTHOR');
  const session = await sessionOf(target, 0);
  const nobody = await users.viewerForSession(await sessionOf(member, 0));
  assert.ok(nobody);
  assert.equal((await usersAdmin.changeUserRole(nobody, target, 'ADMIN')).ok, false);
  const editor = await users.viewerForSession(await sessionOf(await insertUser('EDITOR'), 0));
  assert.ok(editor);
  const otherEditor = await insertUser('EDITOR');
  const editorSession = await sessionOf(otherEditor, 0);
  assert.deepEqual(await moderation.setBanned(editor, otherEditor, true), { ok: false, status: 403, reason: 'notBannable' }, 'editors are not banned from here');
  assert.deepEqual(await accepted(session), LIVE);
  assert.deepEqual(await accepted(editorSession), LIVE);
});
