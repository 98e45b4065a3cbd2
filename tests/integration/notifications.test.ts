import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import { promisify } from 'node:util';
import type { ParsedMail } from 'mailparser';
import type pg from 'pg';
import { createPost, pool } from './helpers/fixtures';
import { startSmtpSink, type SmtpSink } from './helpers/smtp';

// Reply notifications against a real PostgreSQL and a real SMTP server in this process.
// lib/env.ts reads the environment once, so SMTP_URL is set before any lib module loads.

type Notifications = typeof import('../../lib/comments/notify') & Pick<typeof import('../../lib/dal/notifications'), 'unsubscribeReplies'>;
type Unsubscribe = typeof import('../../lib/mail/unsubscribe');
type Transport = typeof import('../../lib/mail/transport');
type Route = typeof import('../../app/api/unsubscribe/route');

let sql: pg.Pool;
let sink: SmtpSink;
let notifications: Notifications;
let unsubscribe: Unsubscribe;
let transport: Transport;
let route: Route;
let disconnect: () => Promise<void>;
let postAuthorId: string;
let post: { id: string; slug: string };

const SITE = 'http://localhost:3000';
const TITLE = 'Tips & "tricks" <for> you';

before(async () => {
  sink = await startSmtpSink({ reject: (address) => address.startsWith('bounce-') });
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  process.env.MAIL_FROM = 'Quire <no-reply@quire.test>';
  notifications = { ...(await import('../../lib/comments/notify')), unsubscribeReplies: (await import('../../lib/dal/notifications')).unsubscribeReplies };
  unsubscribe = await import('../../lib/mail/unsubscribe');
  transport = await import('../../lib/mail/transport');
  route = await import('../../app/api/unsubscribe/route');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
  postAuthorId = await createUser('Post Author');
  post = await createPost(sql, postAuthorId, { title: TITLE });
});

after(async () => {
  await disconnect();
  await sql.end();
  await sink.close();
});

beforeEach(() => {
  sink.messages.length = 0;
});

const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;

async function createUser(name: string, fields: { email?: string | null; notifyReplies?: boolean; banned?: boolean } = {}): Promise<string> {
  const id = newId('u');
  const email = fields.email === undefined ? `${id}@example.test` : fields.email;
  await sql.query(`INSERT INTO users (id, email, name, notify_replies, banned_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())`, [
    id,
    email,
    name,
    fields.notifyReplies ?? true,
    fields.banned ? new Date() : null,
  ]);
  return id;
}

type CommentRef = { id: string; depth: number };

async function comment(authorId: string, parent: CommentRef | null = null, fields: { body?: string; status?: string } = {}): Promise<CommentRef> {
  const id = newId('c');
  const depth = parent ? parent.depth + 1 : 0;
  await sql.query(
    `INSERT INTO comments (id, post_id, author_id, parent_id, depth, body, body_html, status) VALUES ($1, $2, $3, $4, $5, $6, '', $7)`,
    [id, post.id, authorId, parent?.id ?? null, depth, fields.body ?? 'A comment.', fields.status ?? 'VISIBLE'],
  );
  return { id, depth };
}

/** A header exactly as sent (mailparser folds every List-* header into one object). */
function rawHeader(mail: ParsedMail, name: string): string | undefined {
  const found = mail.headerLines.find((h) => h.key === name);
  return found?.line.replace(/\r?\n[ \t]+/g, ' ').replace(/^[^:]*:\s*/, '');
}

const recipients = () => sink.messages.map((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)));

test('a reply to someone else’s comment emails them once, with the link, an excerpt and both unsubscribe headers', async () => {
  const alice = await createUser('Alice');
  const bob = await createUser('Bob <b>');
  const root = await comment(alice);
  const body = '## Well\n\n**Great** point! See [the docs](https://example.com/docs) and <script>alert(1)</script> x < y & z.';
  const reply = await comment(bob, root, { body });

  assert.equal(await notifications.notifyReply(reply.id, 'en'), 'sent');
  const [mail] = await sink.waitFor(1);
  assert.ok(mail);
  assert.equal(sink.messages.length, 1);
  assert.deepEqual(recipients(), [[`${alice}@example.test`]]);
  assert.equal(mail.from?.value[0]?.address, 'no-reply@quire.test');
  assert.equal(mail.subject, `New reply to your comment on "${TITLE}"`);

  const replyUrl = `${SITE}/post/${post.slug}#comment-${reply.id}`;
  const text = mail.text ?? '';
  assert.match(text, /Hi Alice,/);
  assert.ok(text.includes('Bob <b> replied to your comment'), text);
  assert.ok(text.includes('Well Great point! See the docs and alert(1) x < y & z.'), text);
  assert.ok(text.includes(replyUrl), text);
  assert.ok(text.includes(`${SITE}/unsubscribe?token=${unsubscribe.unsubscribeToken(alice)}`), text);

  const html = typeof mail.html === 'string' ? mail.html : '';
  assert.ok(html.includes(`href="${replyUrl}"`), html);
  assert.ok(html.includes('Bob &#60;b&#62;'), 'the replier’s name is escaped');
  assert.ok(html.includes('x &#60; y &#38; z.'), 'the excerpt is escaped');
  assert.ok(html.includes('Tips &#38; &#34;tricks&#34; &#60;for&#62; you'), 'the title is escaped');
  assert.equal(/<script|<b>/i.test(html), false);

  const listUnsubscribe = rawHeader(mail, 'list-unsubscribe');
  assert.equal(listUnsubscribe, `<${SITE}/api/unsubscribe?token=${unsubscribe.unsubscribeToken(alice)}>`);
  assert.equal(rawHeader(mail, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  const token = new URL(listUnsubscribe?.slice(1, -1) ?? '').searchParams.get('token') ?? '';
  assert.equal(unsubscribe.verifyUnsubscribeToken(token), alice);
});

test('no email for a reply to yourself, a top-level comment, a held reply, or a recipient who cannot or should not get one', async () => {
  const alice = await createUser('Alice');
  const bob = await createUser('Bob');
  const root = await comment(alice);
  assert.equal(await notifications.notifyReply((await comment(alice, root)).id, 'en'), 'skipped', 'own comment');
  assert.equal(await notifications.notifyReply(root.id, 'en'), 'skipped', 'no parent');
  assert.equal(await notifications.notifyReply((await comment(bob, root, { status: 'HELD' })).id, 'en'), 'skipped', 'held reply');
  assert.equal(await notifications.notifyReply('cnosuchcommentnosuchcomm0', 'en'), 'skipped', 'unknown id');
  for (const fields of [{ banned: true }, { email: null }, { notifyReplies: false }]) {
    const recipient = await createUser('Carol', fields);
    const theirs = await comment(recipient);
    assert.equal(await notifications.notifyReply((await comment(bob, theirs)).id, 'en'), 'skipped', JSON.stringify(fields));
  }
  const deleted = await comment(alice, null, { status: 'DELETED' });
  assert.equal(await notifications.notifyReply((await comment(bob, deleted)).id, 'en'), 'skipped', 'deleted parent');
  assert.equal(sink.messages.length, 0);
  const rows = await sql.query('SELECT 1 FROM reply_notifications WHERE user_id = $1', [alice]);
  assert.equal(rows.rowCount, 0);
});

test('at most one email per thread per hour: deeper replies count for the top-level comment’s thread', async () => {
  const alice = await createUser('Alice');
  const bob = await createUser('Bob');
  const carol = await createUser('Carol');
  const root = await comment(alice);
  const bobs = await comment(bob, root);
  const alices = await comment(alice, bobs);

  assert.equal(await notifications.notifyReply(bobs.id, 'en'), 'sent');
  assert.equal(await notifications.notifyReply(alices.id, 'en'), 'sent', 'Bob’s first email in this thread');
  assert.equal(await notifications.notifyReply((await comment(carol, alices)).id, 'en'), 'skipped', 'Alice again, same thread, depth 3');
  assert.equal(await notifications.notifyReply((await comment(carol, root)).id, 'en'), 'skipped', 'Alice again, same thread');
  assert.deepEqual(recipients(), [[`${alice}@example.test`], [`${bob}@example.test`]]);

  const threads = await sql.query<{ user_id: string; thread_id: string }>('SELECT user_id, thread_id FROM reply_notifications WHERE user_id IN ($1, $2)', [alice, bob]);
  assert.deepEqual(threads.rows.map((r) => r.thread_id), [root.id, root.id]);

  const otherThread = await comment(alice);
  assert.equal(await notifications.notifyReply((await comment(carol, otherThread)).id, 'en'), 'sent', 'another thread');

  await sql.query(`UPDATE reply_notifications SET sent_at = sent_at - interval '61 minutes' WHERE user_id = $1 AND thread_id = $2`, [alice, root.id]);
  assert.equal(await notifications.notifyReply((await comment(carol, alices)).id, 'en'), 'sent', 'an hour later');
  assert.equal(sink.messages.length, 4);
});

test('two replies at the same moment send exactly one email', async () => {
  const dave = await createUser('Dave');
  const root = await comment(dave);
  const replies = await Promise.all([comment(await createUser('Erin'), root), comment(await createUser('Frank'), root)]);
  const results = await Promise.all(replies.map((r) => notifications.notifyReply(r.id, 'en')));
  assert.deepEqual(results.sort(), ['sent', 'skipped']);
  assert.equal(sink.messages.length, 1);
  assert.deepEqual(recipients(), [[`${dave}@example.test`]]);
});

test('a refused message reports failed and frees the thread’s slot for the next reply', async () => {
  const bounce = await createUser('Bounce', { email: `bounce-${randomUUID()}@example.test` });
  const root = await comment(bounce);
  const reply = await comment(await createUser('Bob'), root);
  const logged = console.error;
  console.error = () => {};
  try {
    assert.equal(await notifications.notifyReply(reply.id, 'en'), 'failed');
  } finally {
    console.error = logged;
  }
  const rows = await sql.query('SELECT 1 FROM reply_notifications WHERE user_id = $1', [bounce]);
  assert.equal(rows.rowCount, 0);
  assert.equal(sink.messages.length, 0);
});

test('after unsubscribing, replies send nothing; an unknown user cannot be unsubscribed', async () => {
  const grace = await createUser('Grace');
  const root = await comment(grace);
  assert.equal(await notifications.unsubscribeReplies(grace), true);
  assert.equal(await notifications.notifyReply((await comment(await createUser('Bob'), root)).id, 'en'), 'skipped');
  assert.equal(sink.messages.length, 0);
  const row = await sql.query<{ notify_replies: boolean }>('SELECT notify_replies FROM users WHERE id = $1', [grace]);
  assert.equal(row.rows[0]?.notify_replies, false);
  assert.equal(await notifications.unsubscribeReplies('unosuchusernosuchuser0000'), false);
});

test('one-click unsubscribe: POST to the List-Unsubscribe URL (or a form field) turns emails off; bad tokens get 400', async () => {
  const { NextRequest } = await import('next/server');
  const heidi = await createUser('Heidi');
  const ivan = await createUser('Ivan');
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const notify = async (id: string) =>
    (await sql.query<{ n: boolean }>('SELECT notify_replies AS n FROM users WHERE id = $1', [id])).rows[0]?.n;

  const oneClick = await route.POST(new NextRequest(unsubscribe.oneClickUnsubscribeUrl(heidi), { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' }));
  assert.equal(oneClick.status, 200);
  assert.equal(await oneClick.text(), 'Unsubscribed');
  assert.equal(await notify(heidi), false);

  const body = new URLSearchParams({ token: unsubscribe.unsubscribeToken(ivan) }).toString();
  const field = await route.POST(new NextRequest(`${SITE}/api/unsubscribe`, { method: 'POST', headers: form, body }));
  assert.equal(field.status, 200);
  assert.equal(await notify(ivan), false);

  const tampered = unsubscribe.unsubscribeToken(ivan).slice(0, -2) + 'AA';
  for (const url of [`${SITE}/api/unsubscribe?token=${tampered}`, `${SITE}/api/unsubscribe`]) {
    const bad = await route.POST(new NextRequest(url, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' }));
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /unsubscribe link/);
  }
  const get = route.GET(new NextRequest(unsubscribe.oneClickUnsubscribeUrl(heidi)));
  assert.equal(get.status, 303, 'a GET only leads to the page that asks');
  assert.equal(get.headers.get('location'), unsubscribe.unsubscribeUrl(heidi));
});

test('unsubscribe tokens round-trip; altered, swapped or malformed tokens are rejected', async () => {
  const judy = await createUser('Judy');
  const mallory = await createUser('Mallory');
  const token = unsubscribe.unsubscribeToken(judy);
  assert.equal(unsubscribe.verifyUnsubscribeToken(token), judy);
  assert.equal(unsubscribe.unsubscribeUrl(judy), `${SITE}/unsubscribe?token=${token}`);

  const [id = '', signature = ''] = token.split('.');
  const [malloryId = ''] = unsubscribe.unsubscribeToken(mallory).split('.');
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [
    `${malloryId}.${signature}`,
    `${id}.${flip(signature, 0)}`,
    `${id}.${flip(signature, signature.length - 1)}`,
    `${flip(id, 3)}.${signature}`,
    `${id}.${signature}x`,
    `${id}.${signature.slice(0, -1)}`,
    `${id}.${signature}=`,
    `${id}.`,
    `.${signature}`,
    id,
    '',
    `${token}.${signature}`,
    'x'.repeat(500),
  ]) {
    assert.equal(unsubscribe.verifyUnsubscribeToken(bad), null, bad);
  }
});

test('a plain-text excerpt: markdown stripped, one line, cut at a word with an ellipsis', () => {
  const { plainExcerpt } = notifications;
  assert.equal(plainExcerpt('# Title\n\n> quoted *text*\n\n- one\n- two\n\n```js\ncode()\n```\n![alt](x.png) snake_case _em_'), 'Title quoted text one two code() alt snake_case em');
  const long = plainExcerpt('word '.repeat(200));
  assert.ok(long.length <= 300, String(long.length));
  assert.match(long, /word…$/);
  assert.equal(Array.from(plainExcerpt('😀'.repeat(400))).length, 300);
});

test('SMTP settings: off without SMTP_URL or SMTP_HOST; SMTP_URL wins; TLS follows SMTP_SECURE or port 465', () => {
  const { smtpOptions } = transport;
  assert.equal(smtpOptions({}), null);
  assert.equal(smtpOptions({ SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_PORT: 25 }), null);
  assert.equal(smtpOptions({ SMTP_URL: 'smtps://u:p@mail.example.com', SMTP_HOST: 'other.example.com' })?.url, 'smtps://u:p@mail.example.com');
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'mail.example.com' })), { host: 'mail.example.com', port: 587, secure: false, auth: undefined });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_PORT: 465, SMTP_USER: 'u', SMTP_PASSWORD: 'p' })), { host: 'h', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_SECURE: 'true' })), { host: 'h', port: 465, secure: true, auth: undefined });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_PORT: 465, SMTP_SECURE: 'false' })), { host: 'h', port: 465, secure: false, auth: undefined });
  assert.ok(transport.mailTransport());
  assert.equal(transport.mailTransport(), transport.mailTransport(), 'one transport, reused');
});

function pick(options: ReturnType<Transport['smtpOptions']>) {
  return options && { host: options.host, port: options.port, secure: options.secure, auth: options.auth };
}

test('without SMTP settings notifyReply returns off and touches nothing (fresh process, fresh environment)', async () => {
  // tsx loads the .ts module as CommonJS here: its exports arrive as the default export.
  const script = `const m = await import('./lib/comments/notify.ts'); console.log(await (m.default ?? m).notifyReply('cnosuchcommentnosuchcomm0', 'en'));`;
  const env = { ...process.env, SMTP_URL: '', SMTP_HOST: '' };
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', script], {
    env,
    cwd: process.cwd(),
    timeout: 30_000,
  });
  assert.equal(stdout.trim(), 'off');
});
