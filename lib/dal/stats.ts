import 'server-only';
import { canUseAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { utcDay, windowStart } from '@/lib/stats/scale';
import type { StatsPeriod } from '@/lib/validations/stats';
import { assertAllowed } from './result';
import { topPosts, type TopPost } from './stats-top';
import { liveWhere } from '@/lib/live-posts.mjs';

// Numbers for the admin stats page, read per request (staff only, never shared).
// Views come from post_view_days, which the view pipeline (lib/views/store.mjs) rolls up
// per post and UTC day; comments are counted by their created_at UTC day. The site-wide
// figures read the rollups the database keeps of both (site_view_days,
// site_comment_days); "top posts" is in ./stats-top.ts. Days without rows are filled with
// zeros by generate_series, oldest first.

export type StatsDay = {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  views: number;
  /** Comments readers can see. */
  comments: number;
  /** Waiting for a moderator, or hidden by one (not in `comments`). */
  held: number;
  hidden: number;
};

export type StatsSeries = { days: StatsDay[]; totals: Omit<StatsDay, 'day'> };

export type StatsPost = { id: string; slug: string; title: string; status: string; inTrash: boolean; allTimeViews: number; allTimeComments: number };

export type { TopPost };

export type SiteTotals = { views: number; comments: number; publishedPosts: number };

/** The stats page checks canUseAdmin before reading: a refusal here is a bug, so it throws. */
function requireStaff(viewer: Actor | null): asserts viewer is Actor {
  assertAllowed(canUseAdmin(viewer), 'see the stats');
}

const MAX_DAYS = 366;

function clampDays(days: number): number {
  return Math.min(Math.max(Math.trunc(days), 1), MAX_DAYS);
}

function withTotals(rows: StatsDay[]): StatsSeries {
  const totals = { views: 0, comments: 0, held: 0, hidden: 0 };
  for (const r of rows) {
    totals.views += r.views;
    totals.comments += r.comments;
    totals.held += r.held;
    totals.hidden += r.hidden;
  }
  return { days: rows, totals };
}

/** One post's views and comments per UTC day for the `days` days ending today. */
async function postSeries(days: number, now: Date, postId: string): Promise<StatsSeries> {
  const start = windowStart(clampDays(days), now);
  const end = utcDay(now);
  // Each side aggregates on its own index (post_view_days' primary key; comments
  // (post_id, status, created_at)) before the join.
  const rows = await db.$queryRaw<StatsDay[]>`
    WITH calendar AS (
      SELECT d::date AS day FROM generate_series(${start}::date, ${end}::date, interval '1 day') AS d
    ), v AS (
      SELECT day, sum(views)::int AS views FROM post_view_days
       WHERE day BETWEEN ${start}::date AND ${end}::date AND post_id = ${postId}
       GROUP BY day
    ), c AS (
      SELECT created_at::date AS day,
             count(*) FILTER (WHERE status = 'VISIBLE')::int AS comments,
             count(*) FILTER (WHERE status = 'HELD')::int AS held,
             count(*) FILTER (WHERE status = 'HIDDEN')::int AS hidden
        FROM comments
       WHERE status IN ('VISIBLE', 'HELD', 'HIDDEN') AND post_id = ${postId}
         AND created_at >= ${start}::date AND created_at < ${end}::date + 1
       GROUP BY 1
    )
    SELECT to_char(calendar.day, 'YYYY-MM-DD') AS day,
           coalesce(v.views, 0) AS views, coalesce(c.comments, 0) AS comments,
           coalesce(c.held, 0) AS held, coalesce(c.hidden, 0) AS hidden
      FROM calendar LEFT JOIN v USING (day) LEFT JOIN c USING (day)
     ORDER BY calendar.day`;
  return withTotals(rows);
}

/**
 * The whole site's views and comments per UTC day: one row per day from the rollups
 * site_view_days and site_comment_days (kept by triggers on post_view_days and comments,
 * prisma/migrations/*_stats_rollups), not the millions of rows they sum.
 */
async function siteSeries(days: number, now: Date): Promise<StatsSeries> {
  const start = windowStart(clampDays(days), now);
  const end = utcDay(now);
  const rows = await db.$queryRaw<StatsDay[]>`
    SELECT to_char(calendar.day, 'YYYY-MM-DD') AS day,
           coalesce(v.views, 0) AS views, coalesce(c.visible, 0) AS comments,
           coalesce(c.held, 0) AS held, coalesce(c.hidden, 0) AS hidden
      FROM generate_series(${start}::date, ${end}::date, interval '1 day') AS calendar(day)
      LEFT JOIN site_view_days v ON v.day = calendar.day::date
      LEFT JOIN site_comment_days c ON c.day = calendar.day::date
     ORDER BY calendar.day`;
  return withTotals(rows);
}

/** Site-wide views and comments per day, for the last `days` days (UTC, today included). */
export async function getSiteSeries(viewer: Actor | null, { days = 30, now = new Date() }: { days?: number; now?: Date } = {}): Promise<StatsSeries> {
  requireStaff(viewer);
  return siteSeries(days, now);
}

/** One post (any state) by slug with its series, or null when no post has that slug. */
export async function getPostSeries(
  viewer: Actor | null,
  slug: string,
  { days = 30, now = new Date() }: { days?: number; now?: Date } = {},
): Promise<{ post: StatsPost; series: StatsSeries } | null> {
  requireStaff(viewer);
  const row = await db.post.findUnique({
    where: { slug },
    select: { id: true, slug: true, title: true, status: true, deletedAt: true, viewCount: true, commentCount: true },
  });
  if (!row) return null;
  const post: StatsPost = {
    id: row.id,
    slug: row.slug,
    title: row.title,
    status: row.status,
    inTrash: row.deletedAt !== null,
    allTimeViews: row.viewCount,
    allTimeComments: row.commentCount,
  };
  return { post, series: await postSeries(days, now, row.id) };
}

/**
 * The most viewed posts of a period (the last 7, 30 or 90 UTC days, or all time), with
 * their visible comments of the same period. Posts in the trash are left out.
 */
export async function getTopPosts(
  viewer: Actor | null,
  period: StatsPeriod,
  { limit = 10, now = new Date() }: { limit?: number; now?: Date } = {},
): Promise<TopPost[]> {
  requireStaff(viewer);
  return topPosts(period, Math.min(Math.max(Math.trunc(limit), 1), 100), now);
}

/** All-time figures: views counted, visible comments, posts readers can see. */
export async function getSiteTotals(viewer: Actor | null): Promise<SiteTotals> {
  requireStaff(viewer);
  // From the per-day rollups (hundreds of rows), not a sum over every post and comment.
  const [[sums], publishedPosts] = await Promise.all([
    db.$queryRaw<[{ views: bigint; comments: bigint }]>`
      SELECT (SELECT coalesce(sum(views), 0) FROM site_view_days)::bigint AS views,
             (SELECT coalesce(sum(visible), 0) FROM site_comment_days)::bigint AS comments`,
    db.post.count({ where: liveWhere() }),
  ]);
  return { views: Number(sums.views), comments: Number(sums.comments), publishedPosts };
}
