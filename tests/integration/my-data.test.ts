import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { createComment, createMember } from './helpers/reader-rows';

// A reader's own data (issue 13, item 6) against a real PostgreSQL: what the download holds
// (their account and comments, no hash, no token, nobody else's rows). Deleting the account:
// account-deletion.test.ts. Who may call these is the route's and the action's check (the
// session's own id, never a parameter): e2e/my-data.spec.ts drives those.

let myData: typeof import('../../lib/dal/my-data');
let toggleCommentLike: (typeof import('../../lib/dal/comment-writes'))['toggleCommentLike'];
let jsonObjectStream: (typeof import('../../lib/json-stream'))['jsonObjectStream'];
let db: pg.Pool;
let authorId: string;

before(async () => {
  myData = await import('../../lib/dal/my-data');
  ({ toggleCommentLike } = await import('../../lib/dal/comment-writes'));
  ({ jsonObjectStream } = await import('../../lib/json-stream'));
  db = pool();
  authorId = await createAuthor(db);
});

after(async () => {
  await db.end();
});

const member = (fields?: Parameters<typeof createMember>[1]) => createMember(db, fields);
const comment = (postId: string, userId: string, body: string) => createComment(db, postId, userId, body);

async function download(userId: string): Promise<{ text: string; json: Record<string, unknown> & { comments: { body: string; post: { title: string; url: string } }[] } }> {
  const account = await myData.getMyAccount(userId);
  const stream = jsonObjectStream(
    { account },
    { comments: myData.myComments(userId), commentLikes: myData.myCommentLikes(userId), reports: myData.myReports(userId), postLikes: myData.myPostLikes(userId) },
  );
  const text = await new Response(stream).text();
  return { text, json: JSON.parse(text) };
}

test('the download holds the account and every comment, likes and reports, and nothing secret or anybody else’s', async () => {
  const me = await member();
  const other = await member();
  const post = await createPost(db, authorId, { title: 'Export me' });
  const mine = await comment(post.id, me.id, 'my own words');
  const theirs = await comment(post.id, other.id, 'someone else said this');
  assert.equal((await toggleCommentLike(theirs, me.id)).ok, true);
  await db.query(`INSERT INTO comment_reports (comment_id, user_id, reason) VALUES ($1, $2, 'rude')`, [theirs, me.id]);
  await db.query(`INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2)`, [post.id, me.id]);
  // More than one page of comments (500 a page): the keyset paging reads them all, each once.
  await db.query(
    `INSERT INTO comments (id, post_id, author_id, depth, body, body_html, status, created_at)
     SELECT 'bulk' || $3 || g, $1, $2, 0, 'bulk ' || g, '', 'VISIBLE', now() - make_interval(secs => g % 7) FROM generate_series(1, 1100) g`,
    [post.id, me.id, me.id.slice(-6)],
  );

  const { text, json } = await download(me.id);
  const account = json.account as Record<string, unknown>;
  assert.equal(account.email, me.email);
  assert.equal(account.role, 'MEMBER');
  assert.deepEqual(account.providers, ['github']);
  assert.equal(typeof account.createdAt, 'string');
  assert.equal(typeof account.emailConfirmedAt, 'string');
  for (const secret of ['secret-hash-value', 'gho_secret_token', 'ghr_secret_token', 'passwordHash', 'access_token', other.id, other.email, 'someone else said this']) {
    assert.ok(!text.includes(secret), `the download contains ${secret}`);
  }
  assert.equal(json.comments.length, 1101);
  assert.equal(new Set(json.comments.map((c) => JSON.stringify(c))).size, 1101, 'no comment twice');
  const own = json.comments.find((c) => c.body === 'my own words');
  assert.equal(own?.post.title, 'Export me');
  assert.match(own?.post.url ?? '', new RegExp(`/post/${post.slug}$`));
  assert.ok(text.includes(mine));
  assert.deepEqual((json.commentLikes as { commentId: string }[]).map((l) => l.commentId), [theirs]);
  assert.deepEqual((json.reports as { reason: string }[]).map((r) => r.reason), ['rude']);
  assert.deepEqual((json.postLikes as { post: { title: string } }[]).map((l) => l.post.title), ['Export me']);

  // The other member's download has their comment and none of mine.
  const theirDownload = await download(other.id);
  assert.deepEqual(theirDownload.json.comments.map((c) => c.body), ['someone else said this']);
  assert.ok(!theirDownload.text.includes('my own words'));
});
