import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { createComment, createMember } from './helpers/reader-rows';

// Deleting one's own account (issue 13, item 6) against a real PostgreSQL, under both
// settings: threads stay whole, counts stay exact, the email is free again, the last admin
// and post owners are refused. The download of one's data: my-data.test.ts.

let myData: typeof import('../../lib/dal/my-data');
let deletion: typeof import('../../lib/dal/account-deletion');
let threadsOf: (typeof import('../../lib/dal/comments'))['threadsOf'];
let toggleCommentLike: (typeof import('../../lib/dal/comment-writes'))['toggleCommentLike'];
let createPasswordUser: (typeof import('../../lib/dal/users'))['createPasswordUser'];
let DELETED_ACCOUNT_ID: string;
let db: pg.Pool;
let authorId: string;

before(async () => {
  myData = await import('../../lib/dal/my-data');
  deletion = await import('../../lib/dal/account-deletion');
  ({ threadsOf } = await import('../../lib/dal/comments'));
  ({ toggleCommentLike } = await import('../../lib/dal/comment-writes'));
  ({ createPasswordUser } = await import('../../lib/dal/users'));
  ({ DELETED_ACCOUNT_ID } = await import('../../lib/comments/deleted-account'));
  db = pool();
  authorId = await createAuthor(db);
});

after(async () => {
  await db.end();
});

const member = (fields?: Parameters<typeof createMember>[1]) => createMember(db, fields);
const comment = (postId: string, userId: string, body: string, opts?: Parameters<typeof createComment>[4]) => createComment(db, postId, userId, body, opts);

async function counts(postId: string): Promise<{ comments: number; visible: number; likes: number }> {
  const { rows } = await db.query<{ comments: number; visible: number; likes: number }>(
    `SELECT p.comment_count AS comments, (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id AND c.status = 'VISIBLE') AS visible, p.like_count AS likes FROM posts p WHERE p.id = $1`,
    [postId],
  );
  return rows[0]!;
}

async function deletedFixture() {
  const leaving = await member();
  const replier = await member();
  const post = await createPost(db, authorId);
  const top = await comment(post.id, leaving.id, 'a thread starter');
  const reply = await comment(post.id, replier.id, 'a reply to it', { parentId: top });
  const ownReply = await comment(post.id, leaving.id, 'answering back', { parentId: reply, rootId: top });
  const held = await comment(post.id, leaving.id, 'waiting', { status: 'HELD' });
  // The leaving reader liked the replier's comment and the post, and reported the reply.
  assert.equal((await toggleCommentLike(reply, leaving.id)).ok, true);
  assert.equal((await toggleCommentLike(top, replier.id)).ok, true);
  await db.query(`INSERT INTO comment_reports (comment_id, user_id) VALUES ($1, $2)`, [reply, leaving.id]);
  await db.query(`INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2)`, [post.id, leaving.id]);
  await db.query(`UPDATE posts SET like_count = 1 WHERE id = $1`, [post.id]);
  return { leaving, replier, post, top, reply, ownReply, held };
}

async function leftovers(userId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM users WHERE id = $1) + (SELECT count(*) FROM accounts WHERE user_id = $1) + (SELECT count(*) FROM comments WHERE author_id = $1)
          + (SELECT count(*) FROM comment_likes WHERE user_id = $1) + (SELECT count(*) FROM comment_reports WHERE user_id = $1) + (SELECT count(*) FROM post_likes WHERE user_id = $1) AS n`,
    [userId],
  );
  return Number(rows[0]?.n);
}

test('deleting an account that keeps its comments: shown as "Deleted account", replies in place, counts exact, email free', async () => {
  const f = await deletedFixture();
  const before = await counts(f.post.id);
  const result = await deletion.deleteOwnAccount(f.leaving.id, 'keep');
  assert.equal(result.ok, true);
  assert.ok(result.ok && result.posts.some((p) => p.id === f.post.id), 'the post is among those to invalidate');
  assert.equal(await leftovers(f.leaving.id), 0);

  const [thread] = await threadsOf([f.top]);
  assert.equal(thread?.authorId, DELETED_ACCOUNT_ID);
  assert.equal(thread?.html, '<p>a thread starter</p>');
  assert.equal(thread?.likeCount, 1, 'likes by others stay');
  assert.equal(thread?.replies[0]?.id, f.reply);
  assert.equal(thread?.replies[0]?.likeCount, 0, 'the deleted reader’s like is gone from the count');
  assert.equal(thread?.replies[0]?.replies[0]?.authorId, DELETED_ACCOUNT_ID);
  assert.deepEqual(await counts(f.post.id), { ...before, likes: 0 });
  const { rows } = await db.query('SELECT email, password_hash FROM users WHERE id = $1', [DELETED_ACCOUNT_ID]);
  assert.deepEqual(rows, [{ email: null, password_hash: null }], 'nobody can sign in as the placeholder');

  // The email signs up again.
  const again = await createPasswordUser({ email: f.leaving.email, name: 'Back again', passwordHash: 'x' });
  assert.ok(again, 'the email is free');
  assert.deepEqual(await myData.myComments(again.id).next(), { done: true, value: undefined });
});

test('deleting an account that removes its comments: text gone, the thread kept for the reply, counts exact', async () => {
  const f = await deletedFixture();
  const before = await counts(f.post.id);
  assert.equal((await deletion.deleteOwnAccount(f.leaving.id, 'remove')).ok, true);
  assert.equal(await leftovers(f.leaving.id), 0);
  const [thread] = await threadsOf([f.top]);
  assert.equal(thread?.state, 'REMOVED', 'kept as a placeholder: it has a visible reply');
  assert.equal(thread?.html, '');
  assert.equal(thread?.replies[0]?.id, f.reply);
  assert.equal(thread?.replies[0]?.state, 'VISIBLE');
  assert.deepEqual(thread?.replies[0]?.replies, [], 'the removed leaf is dropped');
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM comments WHERE id = ANY($1) AND (body <> '' OR status <> 'DELETED')`, [[f.top, f.ownReply, f.held]]);
  assert.equal(rows[0]?.n, 0);
  const after = await counts(f.post.id);
  assert.equal(after.comments, before.comments - 2);
  assert.equal(after.comments, after.visible);
  assert.equal(after.likes, 0);
});

test('a banned reader may delete their account; a second deletion finds nothing', async () => {
  const banned = await member({ banned: true });
  assert.equal((await deletion.deleteOwnAccount(banned.id, 'keep')).ok, true);
  assert.deepEqual(await deletion.deleteOwnAccount(banned.id, 'keep'), { ok: false, status: 404, reason: 'gone' });
  assert.deepEqual(await deletion.deleteOwnAccount(DELETED_ACCOUNT_ID, 'keep'), { ok: false, status: 404, reason: 'gone' });
});

test('the last admin, and an account that owns posts, are refused and left whole', async () => {
  // Only our admin counts: every other admin of the shared test database is banned meanwhile.
  const admin = await member({ role: 'ADMIN' });
  const { rows: others } = await db.query<{ id: string }>(`UPDATE users SET banned_at = now() WHERE role = 'ADMIN' AND banned_at IS NULL AND id <> $1 RETURNING id`, [admin.id]);
  try {
    assert.deepEqual(await deletion.deleteOwnAccount(admin.id, 'keep'), { ok: false, status: 409, reason: 'lastAdmin' });
    const second = await member({ role: 'ADMIN' });
    assert.equal((await deletion.deleteOwnAccount(admin.id, 'keep')).ok, true, 'with another admin who can sign in, the first may go');
    await db.query(`UPDATE users SET role = 'MEMBER' WHERE id = $1`, [second.id]);
  } finally {
    await db.query('UPDATE users SET banned_at = NULL WHERE id = ANY($1)', [others.map((r) => r.id)]);
  }
  const writer = await member({ role: 'AUTHOR' });
  const post = await createPost(db, writer.id, { status: 'DRAFT', publishedAt: null });
  assert.deepEqual(await deletion.deleteOwnAccount(writer.id, 'keep'), { ok: false, status: 409, reason: 'ownsContent' });
  const { rows } = await db.query('SELECT id FROM users WHERE id = $1', [writer.id]);
  assert.equal(rows.length, 1);
  await db.query('DELETE FROM posts WHERE id = $1', [post.id]);
  assert.equal((await deletion.deleteOwnAccount(writer.id, 'keep')).ok, true);
});

test('the confirm step: the password of a password account, the email of a provider-only one', async () => {
  const me = await member();
  assert.deepEqual(await deletion.getDeletionConfirm(me.id), { email: me.email, hasPassword: true });
  assert.equal(await deletion.checkAccountPassword(me.id, 'wrong'), false);
  await db.query('UPDATE users SET password_hash = NULL WHERE id = $1', [me.id]);
  assert.deepEqual(await deletion.getDeletionConfirm(me.id), { email: me.email, hasPassword: false });
  assert.equal(await deletion.checkAccountPassword(me.id, ''), false);
});

test('the setting: keep by default, remove when chosen, anything else refused; the placeholder’s name in the page’s language', async () => {
  const { settingsFormSchema } = await import('../../lib/validations/settings');
  const { threadHtml } = await import('../../lib/comments/thread-html');
  const { getDictionary } = await import('../../lib/i18n');
  const base = { siteName: 'S', language: 'en', postsPerPage: '9', commentMaxDepth: '3', commentsPerPage: '50', commentEditMinutes: '15' };
  assert.equal(settingsFormSchema.parse(base).deletedAccountComments, 'keep');
  assert.equal(settingsFormSchema.parse({ ...base, deletedAccountComments: 'remove' }).deletedAccountComments, 'remove');
  assert.equal(settingsFormSchema.safeParse({ ...base, deletedAccountComments: 'erase' }).success, false);

  const f = await deletedFixture();
  assert.equal((await deletion.deleteOwnAccount(f.leaving.id, 'keep')).ok, true);
  const [thread] = await threadsOf([f.top]);
  assert.ok(thread);
  const es = threadHtml(thread, getDictionary('es').commentUi, 'es');
  assert.match(es, /<span class="c-author">Cuenta eliminada<\/span>/);
  assert.ok(!es.includes('Deleted account'));
  assert.match(threadHtml(thread, getDictionary('en').commentUi, 'en'), /<span class="c-author">Deleted account<\/span>/);
});
