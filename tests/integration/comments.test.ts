import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Viewer } from '../../lib/dal/users';
import { getDictionary } from '../../lib/i18n';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { queuedJobs } from './helpers/jobs';

// Posting comments through the same service the form and POST /api/comments use, against
// a real PostgreSQL: who may post, what is held, threading, the honeypot, and 100 comments
// from 20 readers at once. Limits are raised here (RATE_LIMIT_MULTIPLIER) so that the
// concurrency test measures storage, not the limiter; tests/integration/rate-limit.test.ts
// checks the limits themselves.
process.env.RATE_LIMIT_MULTIPLIER = '1000';
let createComment: (typeof import('../../lib/comments/service'))['createComment'];

let db: pg.Pool;
let authorId: string;
const ctx = (over: Partial<{ commentsEnabled: boolean; holdFirstComments: boolean; commentMaxDepth: number }> = {}, t = getDictionary('en')) => ({
  settings: { commentsEnabled: true, holdFirstComments: false, commentMaxDepth: 3, ...over },
  t,
  locale: 'en' as const,
});

before(async () => {
  ({ createComment } = await import('../../lib/comments/service'));
  db = pool();
  authorId = await createAuthor(db);
});
after(async () => {
  await db.end();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
});

let n = 0;
async function reader(fields: { role?: string; banned?: boolean } = {}): Promise<Viewer> {
  n += 1;
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())`, [
    id,
    `${id}@example.test`,
    `Reader ${n}`,
    fields.role ?? 'MEMBER',
    fields.banned ? new Date() : null,
  ]);
  return { id, name: `Reader ${n}`, email: null, image: null, role: (fields.role ?? 'MEMBER') as Viewer['role'], banned: !!fields.banned, createdAt: new Date() };
}

async function row(id: string) {
  const { rows } = await db.query<{ status: string; depth: number; parent_id: string | null; root_id: string | null; body_html: string }>(
    'SELECT status, depth, parent_id, root_id, body_html FROM comments WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function commentCount(postId: string): Promise<number> {
  const { rows } = await db.query<{ comment_count: number }>('SELECT comment_count FROM posts WHERE id = $1', [postId]);
  return rows[0]?.comment_count ?? -1;
}

function ok<T extends { ok: boolean }>(result: T): Extract<T, { ok: true }> {
  assert.equal(result.ok, true, JSON.stringify(result));
  return result as Extract<T, { ok: true }>;
}

test('anonymous and banned readers are refused and nothing is stored', async () => {
  const post = await createPost(db, authorId);
  const anonymous = await createComment(null, { postId: post.id, body: 'hello' }, '203.0.113.1', ctx());
  assert.deepEqual([anonymous.ok, !anonymous.ok && anonymous.status], [false, 401]);
  const banned = await createComment(await reader({ banned: true }), { postId: post.id, body: 'hello' }, '203.0.113.1', ctx());
  assert.deepEqual([banned.ok, !banned.ok && banned.status], [false, 403]);
  assert.equal(await commentCount(post.id), 0);
});

test('bad input gets a 400 with the field, an unknown or draft post a 404', async () => {
  const post = await createPost(db, authorId);
  const draft = await createPost(db, authorId, { status: 'DRAFT', publishedAt: null });
  const me = await reader();
  for (const body of ['', '   ', 'x'.repeat(5001)]) {
    const r = await createComment(me, { postId: post.id, body }, '203.0.113.2', ctx());
    assert.equal(!r.ok && r.status, 400, `body of ${body.length}`);
    assert.ok(!r.ok && r.fieldErrors?.body);
  }
  const unknown = await createComment(me, { postId: 'cnotapostidnotapostid0000', body: 'hi' }, '203.0.113.2', ctx());
  assert.equal(!unknown.ok && unknown.status, 404);
  const onDraft = await createComment(me, { postId: draft.id, body: 'hi' }, '203.0.113.2', ctx());
  assert.equal(!onDraft.ok && onDraft.status, 404);
  assert.equal(await commentCount(post.id), 0);
});

test('on a Spanish site the service refuses in Spanish: session, field, post, replied-to comment (the form and the API say the same)', async () => {
  const post = await createPost(db, authorId);
  const es = ctx({}, getDictionary('es'));
  const refusal = async (viewer: Viewer | null, input: Record<string, string>) => {
    const r = await createComment(viewer, input, '203.0.113.9', es);
    assert.equal(r.ok, false);
    return r.ok ? null : { message: r.message, fieldErrors: r.fieldErrors };
  };
  assert.deepEqual(await refusal(null, { postId: post.id, body: 'hola' }), { message: 'Inicia sesión para comentar.', fieldErrors: undefined });
  const me = await reader();
  assert.deepEqual(await refusal(me, { postId: post.id, body: ' ' }), { message: 'Revisa tu comentario.', fieldErrors: { body: 'Escribe un comentario.' } });
  assert.deepEqual(await refusal(me, { postId: 'cnotapostidnotapostid0000', body: 'hola' }), { message: 'Esta publicación no admite comentarios.', fieldErrors: undefined });
  assert.deepEqual(await refusal(me, { postId: post.id, parentId: 'cnosuchcommentnosuchcomm0', body: 'hola' }), {
    message: 'El comentario al que respondiste ya no está.',
    fieldErrors: undefined,
  });
  assert.equal(await commentCount(post.id), 0);
});

test('a filled honeypot looks accepted and stores nothing', async () => {
  const post = await createPost(db, authorId);
  const r = ok(await createComment(await reader(), { postId: post.id, body: 'buy now', website: 'http://spam.example' }, '203.0.113.3', ctx()));
  assert.equal(r.id, null);
  const { rows } = await db.query('SELECT 1 FROM comments WHERE post_id = $1', [post.id]);
  assert.equal(rows.length, 0);
});

test('more than 2 links, or a first comment when the site holds them, waits for a moderator; staff are never held', async () => {
  const post = await createPost(db, authorId);
  const links = 'see https://a.example and https://b.example and [c](https://c.example)';
  const held = ok(await createComment(await reader(), { postId: post.id, body: links }, '203.0.113.4', ctx()));
  assert.equal(held.held, true);
  assert.equal((await row(held.id ?? ''))?.status, 'HELD');
  const two = ok(await createComment(await reader(), { postId: post.id, body: 'https://a.example and https://b.example' }, '203.0.113.4', ctx()));
  assert.equal(two.held, false);

  const newcomer = await reader();
  const first = ok(await createComment(newcomer, { postId: post.id, body: 'my first words' }, '203.0.113.4', ctx({ holdFirstComments: true })));
  assert.equal(first.held, true);
  const editor = await reader({ role: 'EDITOR' });
  const staff = ok(await createComment(editor, { postId: post.id, body: links }, '203.0.113.4', ctx({ holdFirstComments: true })));
  assert.equal(staff.held, false);
  // Held comments are not counted on the post.
  assert.equal(await commentCount(post.id), 2);
});

test('replies thread under their parent, deeper ones join the deepest allowed level, and notify', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const top = ok(await createComment(me, { postId: post.id, body: 'top' }, '203.0.113.5', ctx()));
  const r1 = ok(await createComment(me, { postId: post.id, parentId: top.id, body: 'r1' }, '203.0.113.5', ctx()));
  const r2 = ok(await createComment(me, { postId: post.id, parentId: r1.id, body: 'r2' }, '203.0.113.5', ctx()));
  const r3 = ok(await createComment(me, { postId: post.id, parentId: r2.id, body: 'r3' }, '203.0.113.5', ctx()));
  assert.deepEqual(await row(r1.id ?? ''), { status: 'VISIBLE', depth: 1, parent_id: top.id, root_id: top.id, body_html: '<p>r1</p>' });
  assert.equal((await row(r2.id ?? ''))?.depth, 2);
  // Default depth 3 (levels 0, 1, 2): a reply to a level-2 comment becomes its sibling.
  assert.deepEqual(await row(r3.id ?? ''), { status: 'VISIBLE', depth: 2, parent_id: r1.id, root_id: top.id, body_html: '<p>r3</p>' });
  // Each reply's email job was enqueued with it; a top-level comment has none.
  const replies = new Set((await queuedJobs(db, 'reply_email')).map((j) => j.payload.commentId));
  assert.ok(replies.has(r1.id) && replies.has(r3.id));
  assert.ok(!replies.has(top.id));

  const other = await createPost(db, authorId);
  const cross = await createComment(me, { postId: other.id, parentId: top.id, body: 'wrong post' }, '203.0.113.5', ctx());
  assert.equal(!cross.ok && cross.status, 404);
  assert.equal(await commentCount(post.id), 4);
});

test('100 comments posted at once by 20 readers are all stored exactly once and counted exactly', async () => {
  const post = await createPost(db, authorId);
  const readers = await Promise.all(Array.from({ length: 20 }, () => reader()));
  const results = await Promise.all(
    Array.from({ length: 100 }, (_, i) => {
      const who = readers[i % 20];
      assert.ok(who);
      return createComment(who, { postId: post.id, body: `comment number ${i}` }, `198.51.100.${i % 20}`, ctx());
    }),
  );
  assert.equal(results.filter((r) => r.ok).length, 100, JSON.stringify(results.find((r) => !r.ok)));
  const { rows } = await db.query<{ body: string; n: number }>('SELECT body, count(*)::int AS n FROM comments WHERE post_id = $1 GROUP BY body', [post.id]);
  assert.equal(rows.length, 100);
  assert.ok(rows.every((r) => r.n === 1));
  assert.equal(await commentCount(post.id), 100);
});

test('a comment and its removal move the post\'s comment count, never its updated_at (a comment is not an edit of the post)', async () => {
  const post = await createPost(db, authorId);
  await db.query("UPDATE posts SET updated_at = '2026-01-02T03:04:05.678Z' WHERE id = $1", [post.id]);
  const updatedAt = async () => (await db.query<{ t: Date }>('SELECT updated_at AS t FROM posts WHERE id = $1', [post.id])).rows[0]?.t.toISOString();
  const who = await reader();
  const created = ok(await createComment(who, { postId: post.id, body: 'Not an edit of the post' }, '198.51.100.77', ctx()));
  assert.ok(created.id);
  assert.equal(await commentCount(post.id), 1);
  const { deleteOwnComment } = await import('../../lib/dal/comment-writes');
  const deleted = await deleteOwnComment({ id: created.id, authorId: who.id });
  assert.equal(deleted.ok, true);
  assert.equal(await commentCount(post.id), 0);
  assert.equal(await updatedAt(), '2026-01-02T03:04:05.678Z');
});
