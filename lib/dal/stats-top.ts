import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { utcDay, windowStart } from '@/lib/stats/scale';
import type { StatsPeriod } from '@/lib/validations/stats';

// "Top posts" of /admin/stats. Summing post_view_days per post over 30 days reads half of
// it (2.5 M rows at 10 M view events), so the most viewed posts come from
// post_view_windows instead: per post, its views over the last 7, 30 and 90 UTC days and
// all time, kept by a trigger on post_view_days and each indexed, so the top ten are the
// first ten entries of an index. The windows end on view_window_state.as_of, moved once a
// UTC day by quire_roll_view_windows (here on first read of a new day, and by the hourly
// view job). A `now` on another day than the windows' (tests of past years) takes the
// exact sum over post_view_days instead: same answer, slower.

export type TopPost = { slug: string; title: string; views: number; comments: number };

const WINDOW: Record<Exclude<StatsPeriod, 'all'>, { days: number; column: Prisma.Sql }> = {
  '7': { days: 7, column: Prisma.raw('w.views_7') },
  '30': { days: 30, column: Prisma.raw('w.views_30') },
  '90': { days: 90, column: Prisma.raw('w.views_90') },
};

/** Slides the view windows to `today` if they end earlier; returns the day they end on. */
export async function rollViewWindows(now = new Date()): Promise<string> {
  const today = utcDay(now);
  const [state] = await db.$queryRaw<[{ asOf: string } | undefined]>`SELECT to_char(as_of, 'YYYY-MM-DD') AS "asOf" FROM view_window_state`;
  // Read without a lock first: the roll takes the state row FOR UPDATE, which every view flush would wait for.
  if (state && state.asOf >= today) return state.asOf;
  const [rolled] = await db.$queryRaw<[{ asOf: string }]>`SELECT to_char(quire_roll_view_windows(${today}::date), 'YYYY-MM-DD') AS "asOf"`;
  return rolled.asOf;
}

/** The `take` most viewed posts of the period (trash left out), with the period's visible comments. */
export async function topPosts(period: StatsPeriod, take: number, now: Date): Promise<TopPost[]> {
  if (period === 'all') {
    // All time: views_all (the sum of every day, as posts.view_count) and posts.comment_count.
    return db.$queryRaw<TopPost[]>`
      SELECT p.slug, p.title, w.views_all AS views, p.comment_count AS comments
        FROM post_view_windows w JOIN posts p ON p.id = w.post_id
       WHERE p.deleted_at IS NULL AND w.views_all > 0
       ORDER BY w.views_all DESC, w.post_id
       LIMIT ${take}`;
  }
  const { days, column } = WINDOW[period];
  const start = windowStart(days, now);
  const end = utcDay(now);
  const comments = (postId: Prisma.Sql) => Prisma.sql`(SELECT count(*)::int FROM comments c
             WHERE c.post_id = ${postId} AND c.status = 'VISIBLE'
               AND c.created_at >= ${start}::date AND c.created_at < ${end}::date + 1)`;
  if ((await rollViewWindows(now)) === end) {
    return db.$queryRaw<TopPost[]>`
      SELECT p.slug, p.title, ${column} AS views, ${comments(Prisma.raw('w.post_id'))} AS comments
        FROM post_view_windows w JOIN posts p ON p.id = w.post_id
       WHERE p.deleted_at IS NULL AND ${column} > 0
       ORDER BY ${column} DESC, w.post_id
       LIMIT ${take}`;
  }
  return db.$queryRaw<TopPost[]>`
    WITH top AS (
      SELECT v.post_id, sum(v.views)::int AS views
        FROM post_view_days v JOIN posts p ON p.id = v.post_id AND p.deleted_at IS NULL
       WHERE v.day BETWEEN ${start}::date AND ${end}::date
       GROUP BY v.post_id
       ORDER BY views DESC, v.post_id
       LIMIT ${take}
    )
    SELECT p.slug, p.title, top.views, ${comments(Prisma.raw('top.post_id'))} AS comments
      FROM top JOIN posts p ON p.id = top.post_id
     ORDER BY top.views DESC, top.post_id`;
}
