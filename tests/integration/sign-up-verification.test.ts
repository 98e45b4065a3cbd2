import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type pg from 'pg';
import { pool } from './helpers/fixtures';
import { runDueJobs } from './helpers/jobs';
import { onlyAddressedTo, startSmtpSink, type SmtpSink } from './helpers/smtp';
import { hashTag } from '../../lib/jobs/hash-tag';

// Password sign-up with email verification (mail configured) against a real PostgreSQL and
// a real SMTP server in this process (the signed links alone: sign-up-links.test.ts): the three cases of a sign-up (new
// address, an account someone owns, an unconfirmed one) answering alike, confirmation, and
// provider linking once a password account's address is proven.
// lib/env.ts reads the environment once, so SMTP_URL is set before any lib module loads.

type SignUp = typeof import('../../lib/auth/sign-up');
type Accounts = typeof import('../../lib/dal/accounts');
type SignUps = typeof import('../../lib/dal/sign-ups');

let sql: pg.Pool;
let sink: SmtpSink;
let signUp: SignUp;
let accounts: Accounts;
let signUps: SignUps;
let disconnect: () => Promise<void>;

const SITE = 'http://localhost:3000';
const SITE_NAME = 'Test & <Site>';
const DAY_MS = 24 * 60 * 60 * 1000;

before(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  process.env.MAIL_FROM = 'Quire <no-reply@quire.test>';
  delete process.env.RATE_LIMIT_MULTIPLIER;
  signUp = await import('../../lib/auth/sign-up');
  accounts = await import('../../lib/dal/accounts');
  signUps = await import('../../lib/dal/sign-ups');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
});

after(async () => {
  await disconnect();
  await sql.end();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
  await sink.close();
});

beforeEach(() => {
  sink.messages.length = 0;
});

const tag = () => randomUUID().replaceAll('-', '').slice(0, 12);
const newEmail = (prefix: string) => `${prefix}.${tag()}@example.test`;

type UserRow = { id: string; name: string | null; password_hash: string | null; email_verified: Date | null; updated_at: Date };

async function userByEmail(email: string): Promise<UserRow[]> {
  const { rows } = await sql.query<UserRow>('SELECT id, name, password_hash, email_verified, updated_at FROM users WHERE email = $1', [email]);
  return rows;
}

async function insertUser(email: string, fields: { verified?: boolean; passwordHash?: string | null; role?: string; name?: string } = {}): Promise<string> {
  const id = `u${tag()}${tag()}`;
  await sql.query(`INSERT INTO users (id, email, name, role, password_hash, email_verified, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())`, [
    id,
    email,
    fields.name ?? 'Existing Person',
    fields.role ?? 'MEMBER',
    fields.passwordHash === undefined ? '$argon2id$existing' : fields.passwordHash,
    fields.verified ? new Date('2026-01-01T00:00:00Z') : null,
  ]);
  return id;
}

function start(email: string, name: string, passwordHash: string, callbackUrl = '/blog') {
  return signUp.beginPasswordSignUp({ email, name, passwordHash, callbackUrl, siteName: SITE_NAME, locale: 'en' });
}

/** What the job worker does right after a sign-up commits: sends the queued account emails. */
const sendQueued = () => runDueJobs(['account_email']);

/** A sign-up, then its email sent, as it happens when the worker runs. */
async function signUpAndSend(email: string, name: string, passwordHash: string, callbackUrl?: string) {
  const answer = await start(email, name, passwordHash, callbackUrl);
  await sendQueued();
  return answer;
}

function linkIn(mail: ParsedMail): string {
  const match = /http:\/\/localhost:3000\/signup\/confirm\?token=([A-Za-z0-9_.-]+)/.exec(mail.text ?? '');
  assert.ok(match, `a confirmation link in: ${mail.text}`);
  return match[1] ?? '';
}

// ── The three cases of a sign-up ──────────────────────────────────────────────────────

test('new address, confirmed account, unconfirmed account: the same answer; the email and the database differ', async () => {
  const fresh = newEmail('fresh');
  const owned = newEmail('owned');
  const pending = newEmail('pending');
  const ownedId = await insertUser(owned, { verified: true, name: 'Owner' });
  const pendingId = await insertUser(pending, { name: 'Squatter', passwordHash: '$argon2id$squatter' });
  const [ownedBefore] = await userByEmail(owned);

  const answers = [await start(fresh, 'Fresh Reader', '$argon2id$fresh'), await start(owned, 'Intruder', '$argon2id$intruder'), await start(pending, 'Real Owner', '$argon2id$real')];
  // What the action gets back is the same in every case: a mail queued, nothing else.
  for (const answer of answers) assert.deepEqual(answer, { mail: 'queued' });
  assert.equal(sink.messages.length, 0, 'nothing is sent before the answer');
  await sendQueued();
  const mails = await sink.waitFor(3);

  // New address: an unconfirmed member with the hash, and a confirmation link.
  const [created] = await userByEmail(fresh);
  assert.ok(created);
  assert.equal(created.name, 'Fresh Reader');
  assert.equal(created.password_hash, '$argon2id$fresh');
  assert.equal(created.email_verified, null);
  const freshMail = onlyAddressedTo(mails, fresh);
  assert.equal(freshMail.subject, 'Confirm your email address for Test & <Site>');
  assert.equal(freshMail.from?.value[0]?.address, 'no-reply@quire.test');
  assert.match(freshMail.text ?? '', /Hi Fresh Reader,/);
  assert.match(String(freshMail.html), /Test &#38; &#60;Site&#62;/, 'the HTML escapes what it quotes');
  assert.deepEqual(await signUp.checkConfirmationLink(linkIn(freshMail)), { ok: true, email: fresh, name: 'Fresh Reader' });

  // Confirmed account: untouched, and its owner hears someone tried, with a way to sign in.
  assert.deepEqual(await userByEmail(owned), [ownedBefore]);
  const ownedMail = onlyAddressedTo(mails, owned);
  assert.equal(ownedMail.subject, 'Your account on Test & <Site>');
  assert.match(ownedMail.text ?? '', /Someone tried to create an account/);
  assert.ok((ownedMail.text ?? '').includes(`${SITE}/signin?callbackUrl=%2Fblog`), ownedMail.text);
  assert.doesNotMatch(ownedMail.text ?? '', /signup\/confirm/);
  assert.equal((await userByEmail(owned))[0]?.id, ownedId);

  // Unconfirmed account: the new hash now (the old password stops working), the new name once confirmed.
  const [replaced] = await userByEmail(pending);
  assert.equal(replaced?.id, pendingId);
  assert.equal(replaced?.password_hash, '$argon2id$real');
  assert.equal(replaced?.name, 'Squatter', 'nobody is renamed before proving the address');
  assert.equal(replaced?.email_verified, null);
  const confirmed = await signUp.confirmWithLink(linkIn(onlyAddressedTo(mails, pending)));
  assert.ok(confirmed.ok);
  assert.deepEqual(confirmed.user, { id: pendingId, name: 'Real Owner', email: pending, sessionVersion: 0 });
  assert.equal(confirmed.callbackUrl, '/blog');
  const [after] = await userByEmail(pending);
  assert.equal(after?.name, 'Real Owner');
  assert.ok(after?.email_verified instanceof Date);
});

test('accounts of a provider or of the staff are never taken over by a sign-up, even unconfirmed', async () => {
  const withProvider = newEmail('provider');
  const providerUser = await insertUser(withProvider, { passwordHash: '$argon2id$mine' });
  await sql.query(`INSERT INTO accounts (id, user_id, type, provider, provider_account_id) VALUES ($1, $2, 'oauth', 'oidc', $3)`, [`a${tag()}`, providerUser, `sub-${tag()}`]);
  const editor = newEmail('editor');
  await insertUser(editor, { role: 'EDITOR', passwordHash: '$argon2id$editor' });
  const noPassword = newEmail('author');
  await insertUser(noPassword, { role: 'MEMBER', passwordHash: null });

  for (const email of [withProvider, editor, noPassword]) {
    const [before] = await userByEmail(email);
    assert.deepEqual(await signUpAndSend(email, 'Taker', '$argon2id$taker'), { mail: 'queued' });
    assert.deepEqual(await userByEmail(email), [before], email);
  }
  const mails = await sink.waitFor(3);
  for (const email of [withProvider, editor]) assert.match(onlyAddressedTo(mails, email).text ?? '', /Someone tried/);
  // No password and no provider (an imported account): the email is its claim link instead.
  assert.match(onlyAddressedTo(mails, noPassword).text ?? '', /It has no password yet[\s\S]*\/password\/reset\?token=/);
});

test('a newer sign-up voids the older link; a link confirms once; an expired link changes nothing', async () => {
  const email = newEmail('twice');
  await signUpAndSend(email, 'First Try', '$argon2id$one');
  await signUpAndSend(email, 'Second Try', '$argon2id$two');
  const mails = await sink.waitFor(2);
  const [older, newer] = mails.map(linkIn) as [string, string];

  assert.deepEqual(await signUp.checkConfirmationLink(older), { ok: false, problem: 'invalid' });
  assert.deepEqual(await signUp.confirmWithLink(older), { ok: false, problem: 'invalid' });
  assert.equal((await userByEmail(email))[0]?.email_verified, null);

  const later = Date.now() + DAY_MS + 60_000;
  assert.deepEqual(await signUp.checkConfirmationLink(newer, later), { ok: false, problem: 'expired' });
  assert.deepEqual(await signUp.confirmWithLink(newer, later), { ok: false, problem: 'expired' });
  assert.equal((await userByEmail(email))[0]?.email_verified, null);

  // Two clicks at once: one confirms, the other is told the address is confirmed.
  const results = await Promise.all([signUp.confirmWithLink(newer), signUp.confirmWithLink(newer)]);
  assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
  assert.deepEqual(results.find((r) => !r.ok), { ok: false, problem: 'confirmed' });
  assert.deepEqual(await signUp.checkConfirmationLink(newer), { ok: false, problem: 'confirmed' });
  assert.equal((await userByEmail(email))[0]?.name, 'Second Try');

  // Once confirmed, the address is owned: a new sign-up changes nothing and gets the note.
  const [owned] = await userByEmail(email);
  await signUpAndSend(email, 'Third Try', '$argon2id$three');
  assert.deepEqual(await userByEmail(email), [owned]);
  assert.match((await sink.waitFor(3))[2]?.text ?? '', /Someone tried/);
});

test('at most five sign-up emails an hour to one address; the answer stays the same', async () => {
  const email = newEmail('flood');
  const results = [];
  for (let i = 0; i < 7; i += 1) results.push((await signUpAndSend(email, 'Flooder', `$argon2id$flood${i}`)).mail);
  assert.deepEqual(results, ['queued', 'queued', 'queued', 'queued', 'queued', 'limited', 'limited']);
  await sink.waitFor(5);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(sink.messages.length, 5);
});

test('a resent link works like the first and voids nothing else', async () => {
  const email = newEmail('resend');
  await signUpAndSend(email, 'Resender', '$argon2id$resend');
  const [row] = await userByEmail(email);
  assert.ok(row?.password_hash);
  // What "Send a new link" does (lib/actions/email-confirmation.ts): the same job, enqueued again.
  await signUps.enqueueConfirmationEmail({ kind: 'confirm', userId: row.id, hashTag: hashTag(row.password_hash), name: 'Resender', callbackUrl: '/profile', siteName: SITE_NAME, locale: 'en' });
  await sendQueued();
  const [first, second] = (await sink.waitFor(2)).map(linkIn) as [string, string];
  assert.deepEqual(await signUp.checkConfirmationLink(first), { ok: true, email, name: 'Resender' });
  const confirmed = await signUp.confirmWithLink(second);
  assert.ok(confirmed.ok && confirmed.callbackUrl === '/profile');
});

// ── Linking a provider to a proven password account ───────────────────────────────────

test('a password account links a provider with the same verified email only once its address is confirmed', async () => {
  const email = newEmail('linker');
  await signUpAndSend(email, 'Pat Password', '$argon2id$pat');
  const link = linkIn((await sink.waitFor(1))[0] as ParsedMail);
  const [row] = await userByEmail(email);
  assert.ok(row);

  const identity = { provider: 'google', providerAccountId: `g-${tag()}`, email: email.toUpperCase(), emailVerified: true, name: 'Pat on Google', image: null };
  assert.deepEqual(await accounts.resolveOAuthUser(identity), { ok: false, reason: 'email-in-use' }, 'not while unconfirmed');

  assert.ok((await signUp.confirmWithLink(link)).ok);
  assert.deepEqual(await accounts.resolveOAuthUser(identity), { ok: true, userId: row.id });
  const { rows } = await sql.query<{ user_id: string }>('SELECT user_id FROM accounts WHERE provider = $1 AND provider_account_id = $2', ['google', identity.providerAccountId]);
  assert.deepEqual(rows, [{ user_id: row.id }]);
  assert.equal((await userByEmail(email))[0]?.name, 'Pat Password', 'linking keeps the name');
  // An unverified provider email still never joins it.
  assert.deepEqual(await accounts.resolveOAuthUser({ ...identity, providerAccountId: `g-${tag()}`, emailVerified: false }), { ok: false, reason: 'email-in-use' });
});
