import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { getPostSeries, getSiteSeries, getSiteTotals, getTopPosts } from '../../lib/dal/stats';
import { addDays, niceTicks, windowStart } from '../../lib/stats/scale';
import { statsQuerySchema } from '../../lib/validations/stats';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The stats data layer against a real PostgreSQL. Each test works in its own year long
// past (the `now` it passes), so no other test's views or comments fall in its windows.

let db: pg.Pool;
let authorId: string;
const editor: Actor = { id: 'stats-editor', role: 'EDITOR', banned: false };

before(async () => {
  db = pool();
  authorId = await createAuthor(db);
});
after(() => db.end());

async function views(postId: string, day: string, n: number) {
  await db.query('INSERT INTO post_view_days (post_id, day, views) VALUES ($1, $2::date, $3)', [postId, day, n]);
}

async function comment(postId: string, createdAt: string, status: 'VISIBLE' | 'HELD' | 'HIDDEN' | 'DELETED' = 'VISIBLE') {
  await db.query(`INSERT INTO comments (id, post_id, author_id, body, status, created_at) VALUES ($1, $2, $3, 'Hi', $4, $5::timestamp)`, [
    `c${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    postId,
    authorId,
    status,
    createdAt,
  ]);
}

const byDay = <T extends { day: string }>(days: T[]) => new Map(days.map((d) => [d.day, d]));

test('the last 30 UTC days, oldest first, zero-filled, with the window edges exact', async () => {
  const now = new Date('2003-03-15T23:59:59.500Z');
  assert.equal(windowStart(30, now), '2003-02-14');
  const post = await createPost(db, authorId);
  await views(post.id, '2003-02-13', 7); // the day before the window
  await views(post.id, '2003-02-14', 3); // its first day
  await views(post.id, '2003-03-15', 5); // today
  await views(post.id, '2003-03-16', 11); // tomorrow
  await comment(post.id, '2003-02-13 23:59:59.999');
  await comment(post.id, '2003-02-14 00:00:00');
  await comment(post.id, '2003-03-15 23:59:59.999');
  await comment(post.id, '2003-03-16 00:00:00');

  const { days, totals } = await getSiteSeries(editor, { days: 30, now });
  assert.equal(days.length, 30);
  assert.equal(days[0]?.day, '2003-02-14');
  assert.equal(days.at(-1)?.day, '2003-03-15');
  for (let i = 1; i < days.length; i++) assert.equal(days[i]?.day, addDays(days[i - 1]?.day ?? '', 1));
  assert.deepEqual(days[0], { day: '2003-02-14', views: 3, comments: 1, held: 0, hidden: 0 });
  assert.deepEqual(days.at(-1), { day: '2003-03-15', views: 5, comments: 1, held: 0, hidden: 0 });
  assert.deepEqual(days[10], { day: '2003-02-24', views: 0, comments: 0, held: 0, hidden: 0 });
  assert.deepEqual(totals, { views: 8, comments: 2, held: 0, hidden: 0 });

  // A minute later it is the 16th: the window moves by one day.
  const next = await getSiteSeries(editor, { days: 30, now: new Date('2003-03-16T00:00:30Z') });
  assert.equal(next.days[0]?.day, '2003-02-15');
  assert.deepEqual(next.totals, { views: 16, comments: 2, held: 0, hidden: 0 });
});

test('site-wide is the sum of the posts; one post counts only its own', async () => {
  const now = new Date('2005-06-30T12:00:00Z');
  const a = await createPost(db, authorId);
  const b = await createPost(db, authorId);
  await views(a.id, '2005-06-28', 4);
  await views(b.id, '2005-06-28', 6);
  await views(b.id, '2005-06-30', 1);
  await comment(a.id, '2005-06-29 10:00:00');
  await comment(b.id, '2005-06-29 11:00:00');
  await comment(b.id, '2005-06-29 12:00:00');

  const site = await getSiteSeries(editor, { days: 7, now });
  const one = await getPostSeries(editor, a.slug, { days: 7, now });
  const two = await getPostSeries(editor, b.slug, { days: 7, now });
  assert.ok(one && two);
  assert.equal(one.post.slug, a.slug);
  assert.equal(site.days.length, 7);
  for (const [day, s] of byDay(site.days)) {
    const x = byDay(one.series.days).get(day);
    const y = byDay(two.series.days).get(day);
    assert.equal(s.views, (x?.views ?? -1) + (y?.views ?? -1), day);
    assert.equal(s.comments, (x?.comments ?? -1) + (y?.comments ?? -1), day);
  }
  assert.deepEqual(one.series.totals, { views: 4, comments: 1, held: 0, hidden: 0 });
  assert.deepEqual(two.series.totals, { views: 7, comments: 2, held: 0, hidden: 0 });
  assert.equal(await getPostSeries(editor, 'no-such-post-anywhere', { now }), null);
});

test('comments per day count visible ones; held and hidden apart; deleted nowhere', async () => {
  const now = new Date('2007-01-10T08:00:00Z');
  const post = await createPost(db, authorId);
  await comment(post.id, '2007-01-09 01:00:00', 'VISIBLE');
  await comment(post.id, '2007-01-09 02:00:00', 'VISIBLE');
  await comment(post.id, '2007-01-09 03:00:00', 'HELD');
  await comment(post.id, '2007-01-09 04:00:00', 'HIDDEN');
  await comment(post.id, '2007-01-09 05:00:00', 'DELETED');
  const stats = await getPostSeries(editor, post.slug, { days: 30, now });
  assert.deepEqual(byDay(stats?.series.days ?? []).get('2007-01-09'), { day: '2007-01-09', views: 0, comments: 2, held: 1, hidden: 1 });
  assert.deepEqual(stats?.series.totals, { views: 0, comments: 2, held: 1, hidden: 1 });
});

test('top posts: most viewed first within the period, with that period’s comments; trash left out', async () => {
  const now = new Date('2009-09-30T12:00:00Z');
  const a = await createPost(db, authorId, { title: 'A' });
  const b = await createPost(db, authorId, { title: 'B' });
  const c = await createPost(db, authorId, { title: 'C' });
  const trashed = await createPost(db, authorId, { title: 'Trashed' });
  await db.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [trashed.id]);
  await views(a.id, '2009-09-20', 50); // 10 days ago
  await views(b.id, '2009-09-30', 20); // today
  await views(b.id, '2009-09-28', 5);
  await views(c.id, '2009-08-01', 100); // 60 days ago
  await views(trashed.id, '2009-09-29', 1000);
  await comment(a.id, '2009-09-20 09:00:00');
  await comment(a.id, '2009-07-01 09:00:00'); // outside 90 days
  await comment(b.id, '2009-09-29 09:00:00', 'HELD');

  const pick = (rows: { title: string; views: number; comments: number }[]) => rows.map((r) => [r.title, r.views, r.comments]);
  assert.deepEqual(pick(await getTopPosts(editor, '7', { now })), [['B', 25, 0]]);
  assert.deepEqual(pick(await getTopPosts(editor, '30', { now })), [
    ['A', 50, 1],
    ['B', 25, 0],
  ]);
  assert.deepEqual(pick(await getTopPosts(editor, '90', { now })), [
    ['C', 100, 0],
    ['A', 50, 1],
    ['B', 25, 0],
  ]);
  assert.deepEqual(pick(await getTopPosts(editor, '90', { now, limit: 2 })), [
    ['C', 100, 0],
    ['A', 50, 1],
  ]);

  // All time: every day's views (the post_view_windows rollup) and posts.comment_count.
  await views(a.id, '2001-01-01', 90_000_000);
  await views(c.id, '2001-01-01', 90_000_003);
  await views(trashed.id, '2001-01-01', 90_000_009);
  await db.query('UPDATE posts SET comment_count = $2 WHERE id = $1', [a.id, 4]);
  assert.deepEqual(pick((await getTopPosts(editor, 'all', { now })).slice(0, 2)), [
    ['C', 90_000_103, 0],
    ['A', 90_000_050, 4],
  ]);
});

test('only staff see stats: for members and banned editors the data layer throws (the page checked first)', async () => {
  const member: Actor = { id: 'm', role: 'MEMBER', banned: false };
  const bannedEditor: Actor = { id: 'b', role: 'EDITOR', banned: true };
  const contributor: Actor = { id: 'c', role: 'CONTRIBUTOR', banned: false };
  for (const who of [null, member, bannedEditor]) {
    await assert.rejects(getSiteSeries(who), /Not allowed: see the stats/);
    await assert.rejects(getTopPosts(who, '30'), /Not allowed: see the stats/);
    await assert.rejects(getPostSeries(who, 'x'), /Not allowed: see the stats/);
    await assert.rejects(getSiteTotals(who), /Not allowed: see the stats/);
  }
  assert.equal((await getSiteSeries(contributor, { days: 30 })).days.length, 30);
  const totals = await getSiteTotals(contributor);
  assert.ok(totals.views >= 0 && totals.publishedPosts >= 0);
});

test('axis ticks: 1-2-5 steps from zero to at least the maximum', () => {
  assert.deepEqual(niceTicks(0), { top: 1, ticks: [0, 1] });
  assert.deepEqual(niceTicks(3), { top: 3, ticks: [0, 1, 2, 3] });
  assert.deepEqual(niceTicks(37), { top: 40, ticks: [0, 10, 20, 30, 40] });
  assert.deepEqual(niceTicks(1234), { top: 1500, ticks: [0, 500, 1000, 1500] });
  assert.deepEqual(niceTicks(100), { top: 100, ticks: [0, 50, 100] });
  for (const max of [1, 7, 19, 250, 999, 45_678]) {
    const { top, ticks } = niceTicks(max);
    assert.ok(top >= max && ticks.at(-1) === top && ticks.length <= 6, String(max));
  }
});

test('the query string: known periods, anything else falls back', () => {
  assert.deepEqual(statsQuerySchema.parse({ period: '7', post: 'a-post' }), { period: '7', post: 'a-post' });
  assert.deepEqual(statsQuerySchema.parse({ period: 'forever', post: ['a', 'b'] }), { period: '30', post: undefined });
  assert.deepEqual(statsQuerySchema.parse({}), { period: '30' });
});
