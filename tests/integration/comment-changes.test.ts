import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Viewer } from '../../lib/dal/users';
import { getDictionary } from '../../lib/i18n';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// Editing, deleting, liking and reporting a comment through lib/comments/service.ts, the
// rules the comment forms' actions only adapt: who may, the input, comments off, the link
// limit on an edit, and the data layer's refusals worded in the site's language.
process.env.RATE_LIMIT_MULTIPLIER = '1000';
let service: typeof import('../../lib/comments/service');
let db: pg.Pool;
let authorId: string;

const ctx = (commentsEnabled = true, locale: 'en' | 'es' = 'en') => ({ settings: { commentsEnabled, commentEditMinutes: 15 }, t: getDictionary(locale) });

before(async () => {
  service = await import('../../lib/comments/service');
  db = pool();
  authorId = await createAuthor(db);
});
after(async () => {
  await db.end();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
});

async function reader(role = 'MEMBER', banned = false): Promise<Viewer> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, 'Reader', $3, $4, now())`, [id, `${id}@example.test`, role, banned ? new Date() : null]);
  return { id, name: 'Reader', email: null, image: null, role: role as Viewer['role'], banned, createdAt: new Date() };
}

async function commentBy(postId: string, userId: string): Promise<string> {
  const id = `k${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO comments (id, post_id, author_id, body, body_html, status) VALUES ($1, $2, $3, 'words', '<p>words</p>', 'VISIBLE')`, [id, postId, userId]);
  return id;
}

test('an edit: the author only, in the site language, and no more than 2 links unless staff', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const mine = await commentBy(post.id, me.id);
  const edited = await service.editComment(me, { commentId: mine, body: 'better words' }, ctx());
  assert.deepEqual(edited, { ok: true, postId: post.id, postSlug: post.slug, commentId: mine, onlyViewer: undefined });

  const other = await reader();
  assert.deepEqual(await service.editComment(other, { commentId: mine, body: 'mine now' }, ctx(true, 'es')), {
    ok: false,
    status: 403,
    message: 'Solo puedes cambiar tus propios comentarios.',
  });
  const links = 'https://a.example https://b.example https://c.example';
  const tooMany = await service.editComment(me, { commentId: mine, body: links }, ctx());
  assert.deepEqual(tooMany, { ok: false, status: 400, message: 'A comment can have at most 2 links.', fieldErrors: { body: 'Remove some links.' } });
  const editor = await reader('EDITOR');
  const theirs = await commentBy(post.id, editor.id);
  assert.equal((await service.editComment(editor, { commentId: theirs, body: links }, ctx())).ok, true);
  assert.equal((await db.query('SELECT body FROM comments WHERE id = $1', [mine])).rows[0]?.body, 'better words');
});

test('signed out, banned, bad input and comments off are refused before the database', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const mine = await commentBy(post.id, me.id);
  assert.deepEqual(await service.likeComment(null, { commentId: mine }, ctx()), { ok: false, status: 401, message: 'Sign in to comment.' });
  assert.equal((await service.reportComment(await reader('MEMBER', true), { commentId: mine }, ctx())).ok === false, true);
  const bad = await service.removeComment(me, { commentId: 'not an id' }, ctx());
  assert.ok(!bad.ok && bad.status === 400 && bad.message === 'Check the form.' && bad.fieldErrors?.commentId);
  assert.deepEqual(await service.likeComment(me, { commentId: mine }, ctx(false)), { ok: false, status: 403, message: 'Comments are closed.' });
  // Deleting one's own comment stays possible while comments are off.
  assert.equal((await service.removeComment(me, { commentId: mine }, ctx(false))).ok, true);
  assert.equal((await db.query('SELECT status FROM comments WHERE id = $1', [mine])).rows[0]?.status, 'DELETED');
});

test('a report changes only the reporter’s view; one’s own comment cannot be reported', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  const mine = await commentBy(post.id, me.id);
  assert.deepEqual(await service.reportComment(me, { commentId: mine }, ctx()), { ok: false, status: 409, message: 'You cannot report your own comment.' });
  const other = await reader();
  const reported = await service.reportComment(other, { commentId: mine, reason: 'rude' }, ctx(false));
  assert.ok(reported.ok && reported.onlyViewer === true);
  const liked = await service.likeComment(other, { commentId: mine }, ctx());
  assert.ok(liked.ok && !liked.onlyViewer);
  assert.equal((await db.query('SELECT like_count FROM comments WHERE id = $1', [mine])).rows[0]?.like_count, 1);
});
