import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import type pg from 'pg';
import { sessionSuperseded } from '../../lib/auth/session-token.mjs';
import { createReaderStore } from '../../lib/comments/reader-store.mjs';
import { insertUser, mailsTo as mailsIn, newEmail, newIp, OLD_PASSWORD, requestReset as request, sendQueued, SITE_NAME, startAccountMail, tokenIn, userRow as rowOf, type AccountMail } from './helpers/account-mail';
import { jobsFor } from './helpers/jobs';

// "Forgot your password?" against a real PostgreSQL and a real SMTP server in this process:
// the neutral request, the emailed single-use link (only its hash stored), expiry, the
// sessions a reset ends, banned accounts and the deleted-account placeholder refused, and
// the rate limits. Imported accounts claimed through the same link: account-claim.test.ts.

type Reset = typeof import('../../lib/auth/password-reset');
type Resets = typeof import('../../lib/dal/password-resets');

let harness: AccountMail;
let sql: pg.Pool;
let reset: Reset;
let resets: Resets;
let users: typeof import('../../lib/dal/users');
let password: typeof import('../../lib/auth/password');
let DELETED_ACCOUNT_ID: string;

const NEW_PASSWORD = 'a fresh correct horse 42';
const HOUR_MS = 60 * 60 * 1000;

before(async () => {
  harness = await startAccountMail();
  sql = harness.sql;
  reset = await import('../../lib/auth/password-reset');
  resets = await import('../../lib/dal/password-resets');
  users = await import('../../lib/dal/users');
  password = await import('../../lib/auth/password');
  ({ DELETED_ACCOUNT_ID } = await import('../../lib/comments/deleted-account'));
});

after(() => harness.stop());

beforeEach(() => {
  harness.sink.messages.length = 0;
});

const mailsTo = (to: string) => mailsIn(harness.sink, to);
const userRow = (id: string) => rowOf(sql, id);

/** Asks for a link for `email` and returns the token the email carries. */
async function emailedToken(email: string): Promise<string> {
  assert.deepEqual(await request(email), { ok: true });
  await sendQueued();
  const mails = mailsTo(email);
  assert.equal(mails.length, 1, `one email to ${email}`);
  return tokenIn(mails[0]);
}

test('a request for a member sends one link; the database holds its SHA-256, never the token (nor does the job)', async () => {
  const email = newEmail('reset');
  const id = await insertUser(sql, email);
  assert.deepEqual(await request(email), { ok: true });
  const [job] = await jobsFor(sql, 'account_email', 'email', email);
  assert.equal(job?.payload.kind, 'reset', 'the job names the address, not an account or a token');
  await sendQueued();
  const [mail] = mailsTo(email);
  assert.equal(mail?.subject, `Set a new password for ${SITE_NAME}`);
  assert.match(mail?.text ?? '', /works once, for 60 minutes/);
  const token = tokenIn(mail);

  const { rows } = await sql.query<{ token_hash: string; expires_at: Date; used_at: Date | null }>('SELECT token_hash, expires_at, used_at FROM password_resets WHERE user_id = $1', [id]);
  assert.equal(rows.length, 1);
  assert.equal(rows[0]?.token_hash, createHash('sha256').update(token).digest('hex'));
  assert.equal(rows[0]?.used_at, null);
  const lifetime = (rows[0]?.expires_at.getTime() ?? 0) - Date.now();
  assert.ok(lifetime > 59 * 60 * 1000 && lifetime <= HOUR_MS, `expires in an hour (${lifetime} ms)`);
  const { rows: leaks } = await sql.query(`SELECT 1 FROM password_resets WHERE token_hash LIKE '%' || $1 || '%' UNION ALL SELECT 1 FROM graphile_worker._private_jobs WHERE payload::text LIKE '%' || $1 || '%'`, [token]);
  assert.equal(leaks.length, 0, 'the token itself is stored nowhere');
});

test('an unknown address gets the same answer and the same job, and no email', async () => {
  const email = newEmail('nobody');
  assert.deepEqual(await request(email), { ok: true });
  assert.equal((await jobsFor(sql, 'account_email', 'email', email)).length, 1);
  await sendQueued();
  assert.equal(mailsTo(email).length, 0);
});

test('the link sets the password once, proves the address and ends every earlier session', async () => {
  const email = newEmail('once');
  const id = await insertUser(sql, email);
  const oldSession = { userId: id, signedInAt: Math.floor(Date.now() / 1000), version: 0 };
  assert.ok(await users.viewerForSession(oldSession), 'signed in before the reset');
  const token = await emailedToken(email);

  const page = await resets.getResetLink(token);
  assert.deepEqual(page, { ok: true, userId: id, email, unclaimed: false });
  const done = await reset.completePasswordReset(token, NEW_PASSWORD);
  assert.ok(done.ok);
  const row = await userRow(id);
  assert.equal(await password.checkPassword(row.password_hash, NEW_PASSWORD), true);
  assert.equal(await password.checkPassword(row.password_hash, OLD_PASSWORD), false);
  assert.ok(row.email_verified, 'the address is proven');
  assert.equal(row.session_version, 1);
  assert.equal(done.user.sessionVersion, 1, 'the session the reset starts carries the new version');

  assert.equal(await users.viewerForSession(oldSession), null, 'the session from before (same second) is over');
  const fresh = { userId: id, signedInAt: Math.floor(Date.now() / 1000), version: done.user.sessionVersion };
  assert.equal((await users.viewerForSession(fresh))?.id, id, 'the session the reset starts is valid');
  // The production server's signed-in post pages (server/reader-pages.mjs) read the same version.
  const reader = await createReaderStore(sql).readerOn('no-such-post', id, new Date());
  assert.ok(reader);
  assert.equal(reader.sessionVersion, 1);
  assert.equal(sessionSuperseded(oldSession, reader), true);
  assert.equal(sessionSuperseded(fresh, reader), false);

  assert.deepEqual(await resets.getResetLink(token), { ok: false, problem: 'used' });
  assert.deepEqual(await reset.completePasswordReset(token, 'yet another password 9'), { ok: false, problem: 'used' });
  assert.equal(await password.checkPassword((await userRow(id)).password_hash, NEW_PASSWORD), true, 'a reused link changes nothing');
});

test('two clicks of one link at once: one sets the password, the other is told it was used', async () => {
  const email = newEmail('race');
  await insertUser(sql, email);
  const token = await emailedToken(email);
  const results = await Promise.all([reset.completePasswordReset(token, 'first of two passwords'), reset.completePasswordReset(token, 'second of two passwords')]);
  assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
  assert.deepEqual(results.find((r) => !r.ok), { ok: false, problem: 'used' });
});

test('a link expires after an hour; using one voids the account’s other links', async () => {
  const email = newEmail('expiry');
  const id = await insertUser(sql, email);
  const issued = new Date(Date.now() - HOUR_MS - 1000);
  const stale = await resets.createResetToken(id, reset.RESET_TTL_S, issued);
  assert.equal((await resets.getResetLink(stale, new Date(issued.getTime() + HOUR_MS - 1000))).ok, true, 'valid until its hour is up');
  assert.deepEqual(await resets.getResetLink(stale), { ok: false, problem: 'expired' });
  assert.deepEqual(await reset.completePasswordReset(stale, NEW_PASSWORD), { ok: false, problem: 'expired' });
  assert.equal(await password.checkPassword((await userRow(id)).password_hash, NEW_PASSWORD), false);

  const first = await resets.createResetToken(id, reset.RESET_TTL_S);
  const second = await resets.createResetToken(id, reset.RESET_TTL_S);
  assert.ok((await reset.completePasswordReset(second, NEW_PASSWORD)).ok);
  assert.deepEqual(await resets.getResetLink(first), { ok: false, problem: 'invalid' });
  assert.deepEqual(await resets.getResetLink('A'.repeat(43)), { ok: false, problem: 'invalid' }, 'an unknown token');
});

test('a request the mail server held up past the link’s lifetime sends nothing', async () => {
  const email = newEmail('stale');
  await insertUser(sql, email);
  const job = { kind: 'reset' as const, email, requestedAt: Date.now() - HOUR_MS - 1000, siteName: SITE_NAME, locale: 'en' as const };
  assert.equal(await reset.sendPasswordResetEmail(job), 'skipped');
  assert.equal(await reset.sendPasswordResetEmail({ ...job, requestedAt: Date.now() }), 'sent');
});

test('a banned account gets no link, and a link made before the ban no longer works', async () => {
  const email = newEmail('banned');
  const id = await insertUser(sql, email, { banned: true });
  assert.deepEqual(await request(email), { ok: true }, 'the same answer');
  await sendQueued();
  assert.equal(mailsTo(email).length, 0);
  assert.equal(await resets.getResetTarget(email), null);

  const token = await resets.createResetToken(id, reset.RESET_TTL_S);
  assert.deepEqual(await resets.getResetLink(token), { ok: false, problem: 'invalid' });
  assert.deepEqual(await reset.completePasswordReset(token, NEW_PASSWORD), { ok: false, problem: 'invalid' });
  const row = await userRow(id);
  assert.ok(row.banned_at, 'still banned');
  assert.equal(await password.checkPassword(row.password_hash, NEW_PASSWORD), false);
});

test('the deleted-account placeholder can never be claimed, even with an address', async () => {
  const email = newEmail('placeholder');
  await sql.query(
    `INSERT INTO users (id, name, role, notify_replies, created_at, updated_at) VALUES ($1, 'Deleted account', 'MEMBER', false, now(), now()) ON CONFLICT (id) DO NOTHING`,
    [DELETED_ACCOUNT_ID],
  );
  // Never so in the app: an address on it here shows the id alone keeps it out.
  await sql.query('UPDATE users SET email = $2 WHERE id = $1', [DELETED_ACCOUNT_ID, email]);
  try {
    assert.equal(await resets.getResetTarget(email), null);
    await request(email);
    await sendQueued();
    assert.equal(mailsTo(email).length, 0);
    const token = await resets.createResetToken(DELETED_ACCOUNT_ID, reset.RESET_TTL_S);
    assert.deepEqual(await reset.completePasswordReset(token, NEW_PASSWORD), { ok: false, problem: 'invalid' });
    assert.equal((await userRow(DELETED_ACCOUNT_ID)).password_hash, null);
  } finally {
    await sql.query('UPDATE users SET email = NULL WHERE id = $1', [DELETED_ACCOUNT_ID]);
    await sql.query('DELETE FROM password_resets WHERE user_id = $1', [DELETED_ACCOUNT_ID]);
  }
});

test('requests are limited per network (refused with a wait) and per address (accepted, nothing sent)', async () => {
  const ip = newIp();
  for (let i = 0; i < 20; i++) assert.deepEqual(await request(newEmail('flood'), ip), { ok: true }, `request ${i + 1}`);
  const refused = await request(newEmail('flood'), ip);
  assert.equal(refused.ok, false);
  assert.ok(!refused.ok && refused.retryAfterS > 0);

  const email = newEmail('mailbox');
  await insertUser(sql, email);
  for (let i = 0; i < 7; i++) assert.deepEqual(await request(email), { ok: true }, 'the answer never changes');
  assert.equal((await jobsFor(sql, 'account_email', 'email', email)).length, 5, 'five emails an hour per address');
});
