import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { canLikePosts } from '../../lib/auth/permissions';
import { createReaderStore } from '../../lib/comments/reader-store.mjs';
import type { Viewer } from '../../lib/dal/users';
import { getDictionary } from '../../lib/i18n';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// Post likes through the same service the like form's action calls (lib/posts/likes.ts),
// against a real PostgreSQL: who may like, which posts, the count kept exact by the trigger
// under concurrency and cascades, and what the production server's one query for a
// signed-in reader reads of it (lib/comments/reader-store.mjs). The limits are raised so
// the concurrency tests measure storage (tests/integration/rate-limit.test.ts checks them).
process.env.RATE_LIMIT_MULTIPLIER = '1000';
let likePost: (typeof import('../../lib/posts/likes'))['likePost'];

let db: pg.Pool;
let authorId: string;
const en = getDictionary('en');

before(async () => {
  ({ likePost } = await import('../../lib/posts/likes'));
  db = pool();
  authorId = await createAuthor(db);
});
after(async () => {
  await db.end();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
});

async function reader(fields: { banned?: boolean } = {}): Promise<Viewer> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, 'Liker', 'MEMBER', $3, now())`, [
    id,
    `${id}@example.test`,
    fields.banned ? new Date() : null,
  ]);
  return { id, name: 'Liker', email: null, image: null, role: 'MEMBER', banned: !!fields.banned, createdAt: new Date() };
}

/** The post's counter and its rows, which must always agree. */
async function likes(postId: string): Promise<{ count: number; rows: string[] }> {
  const { rows } = await db.query<{ like_count: number; users: string[] | null }>(
    'SELECT p.like_count, (SELECT array_agg(user_id ORDER BY user_id) FROM post_likes WHERE post_id = p.id) AS users FROM posts p WHERE p.id = $1',
    [postId],
  );
  return { count: rows[0]?.like_count ?? -1, rows: rows[0]?.users ?? [] };
}

const like = (viewer: Viewer | null, postId: string, on = true, t = en) => likePost(viewer, { postId, like: on ? '1' : '0' }, t);

test('a reader likes and takes it back; sending the same wish twice changes nothing', async () => {
  const post = await createPost(db, authorId);
  const me = await reader();
  assert.deepEqual(await like(me, post.id), { ok: true, liked: true, likeCount: 1, postId: post.id, postSlug: post.slug });
  assert.deepEqual(await like(me, post.id), { ok: true, liked: true, likeCount: 1, postId: post.id, postSlug: post.slug });
  assert.deepEqual(await likes(post.id), { count: 1, rows: [me.id] });
  assert.equal((await like(me, post.id, false)).ok && (await likes(post.id)).count, 0);
  const again = await like(me, post.id, false);
  assert.deepEqual([again.ok, again.ok && again.likeCount], [true, 0]);
  assert.deepEqual(await likes(post.id), { count: 0, rows: [] });
});

test('20 readers liking at once count 20; likes and unlikes racing leave the count equal to the rows', async () => {
  const post = await createPost(db, authorId);
  const readers = await Promise.all(Array.from({ length: 20 }, () => reader()));
  const answers = await Promise.all(readers.map((r) => like(r, post.id)));
  assert.ok(answers.every((a) => a.ok));
  assert.equal((await likes(post.id)).count, 20);
  // Each reader sends like and unlike several times at once; whichever lands last decides
  // their row, and the counter follows the rows whatever the order.
  await Promise.all(readers.flatMap((r, i) => Array.from({ length: 4 }, (_, k) => like(r, post.id, (i + k) % 2 === 0))));
  const after = await likes(post.id);
  assert.equal(after.count, after.rows.length);
  // One reader's ten identical likes at once are one like.
  const eager = await reader();
  await Promise.all(Array.from({ length: 10 }, () => like(eager, post.id)));
  const final = await likes(post.id);
  assert.deepEqual([final.count, final.rows.includes(eager.id)], [after.count + 1, true]);
});

test('drafts, scheduled, trashed and unknown posts are refused with a 404 and nothing is stored', async () => {
  const me = await reader();
  const posts = await Promise.all([
    createPost(db, authorId, { status: 'DRAFT', publishedAt: null }),
    createPost(db, authorId, { status: 'SCHEDULED', publishedAt: new Date(Date.now() + 86_400_000) }),
    createPost(db, authorId, { deletedAt: new Date() }),
  ]);
  for (const post of posts) {
    assert.deepEqual(await like(me, post.id), { ok: false, status: 404, message: en.messages.postLikes.gone });
    assert.deepEqual(await likes(post.id), { count: 0, rows: [] });
  }
  const unknown = await like(me, `p${'0'.repeat(24)}`);
  assert.deepEqual([unknown.ok, !unknown.ok && unknown.status], [false, 404]);
});

test('anonymous and banned readers are refused, bad input is a 400, in the site’s language', async () => {
  const post = await createPost(db, authorId);
  assert.deepEqual(await like(null, post.id), { ok: false, status: 401, message: en.messages.postLikes.signIn });
  const banned = await reader({ banned: true });
  const es = getDictionary('es');
  assert.deepEqual(await like(banned, post.id, true, es), { ok: false, status: 403, message: es.messages.postLikes.banned });
  const me = await reader();
  for (const input of [{ postId: post.id }, { postId: post.id, like: 'yes' }, { postId: '../x', like: '1' }, {}]) {
    const answer = await likePost(me, input, en);
    assert.deepEqual([answer.ok, !answer.ok && answer.status], [false, 400], JSON.stringify(input));
  }
  assert.deepEqual(await likes(post.id), { count: 0, rows: [] });
  assert.equal(canLikePosts(null), false);
  assert.equal(canLikePosts({ banned: true }), false);
  assert.equal(canLikePosts({ banned: false }), true);
});

// Who may change whose like: each visitor likes a post no one liked, and asks to take back
// a like of the member's. The database says what happened: a reader only ever changes
// their own row, and a refused visitor changes nothing.
test('authorization matrix: anonymous, member, another member, banned', async () => {
  const member = await reader();
  const visitors: [string, Viewer | null, { like: boolean; takesBackMembers: boolean }][] = [
    ['anonymous', null, { like: false, takesBackMembers: false }],
    ['member', member, { like: true, takesBackMembers: true }],
    ['another member', await reader(), { like: true, takesBackMembers: false }],
    ['banned', await reader({ banned: true }), { like: false, takesBackMembers: false }],
  ];
  for (const [name, visitor, allowed] of visitors) {
    const post = await createPost(db, authorId);
    await like(visitor, post.id);
    const expectedRows = allowed.like && visitor ? [visitor.id] : [];
    assert.deepEqual(await likes(post.id), { count: expectedRows.length, rows: expectedRows }, `${name} × like`);

    const liked = await createPost(db, authorId);
    await like(member, liked.id);
    await like(visitor, liked.id, false);
    const left = allowed.takesBackMembers ? [] : [member.id];
    assert.deepEqual(await likes(liked.id), { count: left.length, rows: left }, `${name} × take back the member’s like`);
  }
});

test('a deleted account takes its likes and the count with it (the trigger, not the action)', async () => {
  const post = await createPost(db, authorId);
  const [stays, leaves] = [await reader(), await reader()];
  await like(stays, post.id);
  await like(leaves, post.id);
  await db.query('DELETE FROM users WHERE id = $1', [leaves.id]);
  assert.deepEqual(await likes(post.id), { count: 1, rows: [stays.id] });
});

test('the production server’s reader query says whether the reader likes the post, with the exact count', async () => {
  const post = await createPost(db, authorId);
  const [me, other] = [await reader(), await reader()];
  await like(other, post.id);
  const store = createReaderStore(db);
  assert.deepEqual((await store.readerOn(post.slug, me.id, new Date()))?.post, { liked: false, likeCount: 1 });
  await like(me, post.id);
  assert.deepEqual((await store.readerOn(post.slug, me.id, new Date()))?.post, { liked: true, likeCount: 2 });
  assert.equal((await store.readerOn('no-such-post', me.id, new Date()))?.post, null);
});
