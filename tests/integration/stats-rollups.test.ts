import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { addDays, utcDay } from '../../lib/stats/scale';
import { createViewStore } from '../../lib/views/store.mjs';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The rollups /admin/stats reads (site_view_days, site_comment_days, post_view_windows;
// prisma/migrations/*_stats_rollups) equal the sums of the rows they summarize after every
// kind of write: the view pipeline's statement, direct inserts, updates and deletes, a
// post's cascade delete, comment status changes; and the windows stay exact as days pass.
// The checks compare whole tables, so they hold whatever other test files wrote before.

let db: pg.Pool;
let authorId: string;
let stats: typeof import('../../lib/dal/stats');
let top: typeof import('../../lib/dal/stats-top');
const editor: Actor = { id: 'rollup-editor', role: 'EDITOR', banned: false };
const TODAY = utcDay(new Date());

before(async () => {
  stats = await import('../../lib/dal/stats');
  top = await import('../../lib/dal/stats-top');
  db = pool();
  authorId = await createAuthor(db);
  await top.rollViewWindows();
});
after(async () => {
  // Back to today's windows (a test below moves them into the future), rebuilt from the rows.
  await db.query(`UPDATE view_window_state SET as_of = $1::date`, [TODAY]);
  await db.query(`
    UPDATE post_view_windows w SET views_7 = s.v7, views_30 = s.v30, views_90 = s.v90
      FROM (SELECT p.post_id,
                   coalesce(sum(d.views) FILTER (WHERE d.day > $1::date - 7), 0) AS v7,
                   coalesce(sum(d.views) FILTER (WHERE d.day > $1::date - 30), 0) AS v30,
                   coalesce(sum(d.views) FILTER (WHERE d.day > $1::date - 90), 0) AS v90
              FROM post_view_windows p LEFT JOIN post_view_days d USING (post_id) GROUP BY p.post_id) s
     WHERE w.post_id = s.post_id`, [TODAY]);
  await db.end();
});

/** Rows of each rollup that differ from the sums recomputed from post_view_days and comments. */
async function mismatches(): Promise<{ siteViews: number; windows: number; siteComments: number }> {
  const { rows } = await db.query(`
    WITH days AS (SELECT day, sum(views)::int AS views FROM post_view_days GROUP BY day HAVING sum(views) <> 0),
    windows AS (
      SELECT d.post_id,
             coalesce(sum(d.views) FILTER (WHERE d.day > s.as_of - 7), 0)::int AS v7,
             coalesce(sum(d.views) FILTER (WHERE d.day > s.as_of - 30), 0)::int AS v30,
             coalesce(sum(d.views) FILTER (WHERE d.day > s.as_of - 90), 0)::int AS v90,
             sum(d.views)::int AS va
        FROM post_view_days d CROSS JOIN view_window_state s GROUP BY d.post_id),
    comment_days AS (
      SELECT created_at::date AS day, count(*) FILTER (WHERE status = 'VISIBLE')::int AS visible,
             count(*) FILTER (WHERE status = 'HELD')::int AS held, count(*) FILTER (WHERE status = 'HIDDEN')::int AS hidden
        FROM comments WHERE status <> 'DELETED' GROUP BY 1)
    SELECT
      (SELECT count(*) FROM days FULL JOIN (SELECT * FROM site_view_days WHERE views <> 0) r USING (day)
        WHERE days.views IS DISTINCT FROM r.views)::int AS "siteViews",
      (SELECT count(*) FROM windows FULL JOIN (SELECT * FROM post_view_windows WHERE views_all <> 0) w USING (post_id)
        WHERE (windows.v7, windows.v30, windows.v90, windows.va) IS DISTINCT FROM (w.views_7, w.views_30, w.views_90, w.views_all))::int AS windows,
      (SELECT count(*) FROM comment_days c FULL JOIN (SELECT * FROM site_comment_days WHERE (visible, held, hidden) <> (0, 0, 0)) r USING (day)
        WHERE (c.visible, c.held, c.hidden) IS DISTINCT FROM (r.visible, r.held, r.hidden))::int AS "siteComments"`);
  return rows[0];
}

const NONE = { siteViews: 0, windows: 0, siteComments: 0 };

async function views(postId: string, day: string, n: number) {
  await db.query(
    `INSERT INTO post_view_days (post_id, day, views) VALUES ($1, $2::date, $3)
     ON CONFLICT (post_id, day) DO UPDATE SET views = post_view_days.views + EXCLUDED.views`,
    [postId, day, n],
  );
}

async function comment(postId: string, createdAt: string, status = 'VISIBLE'): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO comments (id, post_id, author_id, body, status, created_at) VALUES ($1, $2, $3, 'Hi', $4::"CommentStatus", $5::timestamp)`, [
    id,
    postId,
    authorId,
    status,
    createdAt,
  ]);
  return id;
}

test('views: inserts, upserts, updates, deletes and a post deleted with its days keep every rollup equal to its rows', async () => {
  assert.deepEqual(await mismatches(), NONE);
  const a = await createPost(db, authorId);
  const b = await createPost(db, authorId);
  for (const [post, back, n] of [[a, 0, 5], [a, 6, 7], [a, 7, 11], [a, 29, 13], [a, 30, 17], [a, 89, 19], [a, 90, 23], [b, 0, 2], [b, 45, 3]] as const) {
    await views(post.id, addDays(TODAY, -back), n);
  }
  await views(a.id, TODAY, 100); // the upsert's UPDATE branch
  assert.deepEqual(await mismatches(), NONE);
  const { rows } = await db.query(`SELECT views_7, views_30, views_90, views_all FROM post_view_windows WHERE post_id = $1`, [a.id]);
  assert.deepEqual(rows[0], { views_7: 105 + 7, views_30: 105 + 7 + 11 + 13, views_90: 105 + 7 + 11 + 13 + 17 + 19, views_all: 195 });

  await db.query(`UPDATE post_view_days SET views = views * 2 WHERE post_id = $1`, [b.id]);
  await db.query(`DELETE FROM post_view_days WHERE post_id = $1 AND day = $2::date`, [a.id, addDays(TODAY, -6)]);
  assert.deepEqual(await mismatches(), NONE);
  await db.query(`DELETE FROM posts WHERE id = $1`, [b.id]); // cascades to its days and its windows row
  assert.deepEqual(await mismatches(), NONE);
  assert.equal((await db.query(`SELECT 1 FROM post_view_windows WHERE post_id = $1`, [b.id])).rowCount, 0);
});

test('views through the view pipeline move the site total, the day and the windows by the views counted', async () => {
  const post = await createPost(db, authorId);
  const before = await stats.getSiteTotals(editor);
  const store = createViewStore(db);
  await Promise.all(Array.from({ length: 12 }, (_, i) => store.recordView(post.id, `203.0.113.${i % 6}`, 'Mozilla/5.0 rollup test')));
  const after = await stats.getSiteTotals(editor);
  assert.equal(after.views - before.views, 6, 'six distinct visitors, each counted once');
  assert.deepEqual(await mismatches(), NONE);
  const { rows } = await db.query(`SELECT views_7, views_all FROM post_view_windows WHERE post_id = $1`, [post.id]);
  assert.deepEqual(rows[0], { views_7: 6, views_all: 6 });
});

test('comments: new, approved, hidden, deleted and removed comments keep the per-day counts exact', async () => {
  const post = await createPost(db, authorId);
  const before = await stats.getSiteTotals(editor);
  const day = '2011-02-03';
  const held = await comment(post.id, `${day} 10:00:00`, 'HELD');
  const visible = await comment(post.id, `${day} 11:00:00`);
  await comment(post.id, `${day} 23:59:59.999`);
  await comment(post.id, '2011-02-04 00:00:00', 'HIDDEN');
  assert.deepEqual(await mismatches(), NONE);
  await db.query(`UPDATE comments SET status = 'VISIBLE' WHERE id = $1`, [held]);
  await db.query(`UPDATE comments SET like_count = like_count + 1 WHERE id = $1`, [visible]); // no status change
  await db.query(`UPDATE comments SET status = 'DELETED' WHERE id = $1`, [visible]);
  assert.deepEqual(await mismatches(), NONE);
  const { days } = await stats.getSiteSeries(editor, { days: 2, now: new Date('2011-02-04T12:00:00Z') });
  assert.deepEqual(days, [
    { day, views: 0, comments: 2, held: 0, hidden: 0 },
    { day: '2011-02-04', views: 0, comments: 0, held: 0, hidden: 1 },
  ]);
  assert.equal((await stats.getSiteTotals(editor)).comments - before.comments, 2);
  await db.query(`DELETE FROM posts WHERE id = $1`, [post.id]);
  assert.deepEqual(await mismatches(), NONE);
});

test('the windows slide with the days: rolled forward they equal the sums of their new days; top posts read them exactly', async () => {
  const post = await createPost(db, authorId, { title: 'Rolling' });
  for (let back = 0; back < 100; back += 3) await views(post.id, addDays(TODAY, -back), 1000 + back);
  assert.deepEqual(await mismatches(), NONE);

  // Today: the fast path (windows) and the exact sum over post_view_days agree.
  for (const period of ['7', '30', '90'] as const) {
    const got = await stats.getTopPosts(editor, period, { limit: 100 });
    const days = Number(period);
    const { rows } = await db.query(
      `SELECT p.slug, sum(v.views)::int AS views FROM post_view_days v JOIN posts p ON p.id = v.post_id AND p.deleted_at IS NULL
        WHERE v.day BETWEEN $1::date - ($2::int - 1) AND $1::date GROUP BY p.id, p.slug ORDER BY views DESC, p.id LIMIT 100`,
      [TODAY, days],
    );
    assert.deepEqual(got.map((r) => [r.slug, r.views]), rows.map((r) => [r.slug, r.views]), `period ${period}`);
  }

  // One day, then 40 more days later (no views in between, as on a quiet site).
  for (const later of [1, 41]) {
    const asOf = await top.rollViewWindows(new Date(`${addDays(TODAY, later)}T00:30:00Z`));
    assert.equal(asOf, addDays(TODAY, later));
    assert.deepEqual(await mismatches(), NONE, `after rolling to today + ${later}`);
  }
  // Rolling to a day before the windows' changes nothing.
  assert.equal(await top.rollViewWindows(new Date(`${TODAY}T12:00:00Z`)), addDays(TODAY, 41));
  assert.deepEqual(await mismatches(), NONE);
});
