import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, beforeEach, test } from 'node:test';
import type { ParsedMail } from 'mailparser';
import type pg from 'pg';
import { createPost, pool } from './helpers/fixtures';
import { startSmtpSink, type SmtpSink } from './helpers/smtp';

// Reply notifications against a real PostgreSQL and a real SMTP server in this process:
// who gets an email, what it says, one per thread per hour, and none after unsubscribing.
// The unsubscribe links themselves: unsubscribe.test.ts; the SMTP settings: mail-settings.test.ts.
// lib/env.ts reads the environment once, so SMTP_URL is set before any lib module loads.

type Notifications = typeof import('../../lib/comments/notify') & Pick<typeof import('../../lib/dal/notifications'), 'unsubscribeReplies'>;
type Unsubscribe = typeof import('../../lib/mail/unsubscribe');

let sql: pg.Pool;
let sink: SmtpSink;
let notifications: Notifications;
let unsubscribe: Unsubscribe;
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

test('a plain-text excerpt: markdown stripped, one line, cut at a word with an ellipsis', () => {
  const { plainExcerpt } = notifications;
  assert.equal(plainExcerpt('# Title\n\n> quoted *text*\n\n- one\n- two\n\n```js\ncode()\n```\n![alt](x.png) snake_case _em_'), 'Title quoted text one two code() alt snake_case em');
  const long = plainExcerpt('word '.repeat(200));
  assert.ok(long.length <= 300, String(long.length));
  assert.match(long, /word…$/);
  assert.equal(Array.from(plainExcerpt('😀'.repeat(400))).length, 300);
});
