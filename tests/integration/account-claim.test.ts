import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type pg from 'pg';
import { insertImported, insertUser, mailsTo as mailsIn, newEmail, requestReset as request, sendQueued, SITE_NAME, startAccountMail, tokenIn, userRow as rowOf, type AccountMail } from './helpers/account-mail';

// Claiming an imported account (a name, an address and a role, no password) against a real
// PostgreSQL and a real SMTP server in this process: the claim email instead of a reset
// email, the password reset link as the way in, and a sign-up with the address sending the
// claim link. The reset link itself: password-reset.test.ts.

let harness: AccountMail;
let sql: pg.Pool;
let reset: typeof import('../../lib/auth/password-reset');
let resets: typeof import('../../lib/dal/password-resets');
let signUp: typeof import('../../lib/auth/sign-up');
let password: typeof import('../../lib/auth/password');

const NEW_PASSWORD = 'a fresh correct horse 42';

before(async () => {
  harness = await startAccountMail();
  sql = harness.sql;
  reset = await import('../../lib/auth/password-reset');
  resets = await import('../../lib/dal/password-resets');
  signUp = await import('../../lib/auth/sign-up');
  password = await import('../../lib/auth/password');
});

after(() => harness.stop());

beforeEach(() => {
  harness.sink.messages.length = 0;
});

const mailsTo = (to: string) => mailsIn(harness.sink, to);
const userRow = (id: string) => rowOf(sql, id);

test('an imported account is claimed through the same link: its first password, a proven address, its role kept', async () => {
  const email = newEmail('imported');
  const id = await insertImported(sql, email);
  assert.deepEqual(await request(email), { ok: true });
  await sendQueued();
  const [mail] = mailsTo(email);
  assert.equal(mail?.subject, `Your account on ${SITE_NAME} is waiting for you`);
  assert.match(mail?.text ?? '', /It has no password yet/);
  const token = tokenIn(mail);
  assert.deepEqual(await resets.getResetLink(token), { ok: true, userId: id, email, unclaimed: true });
  assert.ok((await reset.completePasswordReset(token, NEW_PASSWORD)).ok);
  const row = await userRow(id);
  assert.equal(row.role, 'AUTHOR');
  assert.ok(row.email_verified);
  assert.equal(await password.checkPassword(row.password_hash, NEW_PASSWORD), true);
});

test('signing up with an unclaimed address sends the claim link, not "you already have an account"', async () => {
  const email = newEmail('signup-claim');
  const id = await insertImported(sql, email, 'MEMBER');
  const hash = await password.hashPassword('typed at sign-up 77');
  await signUp.beginPasswordSignUp({ email, name: 'Somebody Else', passwordHash: hash, callbackUrl: '/', siteName: SITE_NAME, locale: 'es' });
  await sendQueued();
  const mails = mailsTo(email);
  assert.equal(mails.length, 1);
  assert.equal(mails[0]?.subject, `Tu cuenta en ${SITE_NAME} te está esperando`, 'the claim email, in the site’s language');
  tokenIn(mails[0]);
  const row = await userRow(id);
  assert.equal(row.password_hash, null, 'the sign-up’s password is not taken: only the link sets one');

  // An account somebody owns gets the usual note.
  const claimed = newEmail('signup-owned');
  await insertUser(sql, claimed, { verified: true });
  await signUp.beginPasswordSignUp({ email: claimed, name: 'Somebody', passwordHash: hash, callbackUrl: '/', siteName: SITE_NAME, locale: 'en' });
  await sendQueued();
  assert.equal(mailsTo(claimed)[0]?.subject, `Your account on ${SITE_NAME}`);
});
