import 'server-only';
import { canUseAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { utcDay, windowStart } from '@/lib/stats/scale';
import type { StatsPeriod } from '@/lib/validations/stats';

// Numbers for the admin stats page, read per request (staff only, never shared).
// Views come from post_view_days, which the view pipeline (lib/views/store.mjs) rolls up
// per post and UTC day; comments are counted by their created_at UTC day. Days without
// rows are filled with zeros by generate_series, oldest first.

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

export type TopPost = { slug: string; title: string; views: number; comments: number };

export type SiteTotals = { views: number; comments: number; publishedPosts: number };

export class StatsDenied extends Error {
  constructor() {
    super('Only staff can see the stats.');
  }
}

function requireStaff(viewer: Actor | null): asserts viewer is Actor {
  if (!canUseAdmin(viewer)) throw new StatsDenied();
}

const MAX_DAYS = 366;

/** Views and comments per UTC day for the `days` days ending today: site-wide, or one post's. */
async function series(days: number, now: Date, postId?: string): Promise<StatsSeries> {
  const count = Math.min(Math.max(Math.trunc(days), 1), MAX_DAYS);
  const start = windowStart(count, now);
  const end = utcDay(now);
  const byPost = (column: string) => (postId ? Prisma.sql`AND ${Prisma.raw(column)} = ${postId}` : Prisma.empty);
  // Each side aggregates on its own index (post_view_days(day) or its primary key;
  // comments(status, created_at) or (post_id, status, created_at)) before the join.
  const rows = await db.$queryRaw<StatsDay[]>`
    WITH calendar AS (
      SELECT d::date AS day FROM generate_series(${start}::date, ${end}::date, interval '1 day') AS d
    ), v AS (
      SELECT day, sum(views)::int AS views FROM post_view_days
       WHERE day BETWEEN ${start}::date AND ${end}::date ${byPost('post_id')}
       GROUP BY day
    ), c AS (
      SELECT created_at::date AS day,
             count(*) FILTER (WHERE status = 'VISIBLE')::int AS comments,
             count(*) FILTER (WHERE status = 'HELD')::int AS held,
             count(*) FILTER (WHERE status = 'HIDDEN')::int AS hidden
        FROM comments
       WHERE status IN ('VISIBLE', 'HELD', 'HIDDEN') ${byPost('post_id')}
         AND created_at >= ${start}::date AND created_at < ${end}::date + 1
       GROUP BY 1
    )
    SELECT to_char(calendar.day, 'YYYY-MM-DD') AS day,
           coalesce(v.views, 0) AS views, coalesce(c.comments, 0) AS comments,
           coalesce(c.held, 0) AS held, coalesce(c.hidden, 0) AS hidden
      FROM calendar LEFT JOIN v USING (day) LEFT JOIN c USING (day)
     ORDER BY calendar.day`;
  const totals = { views: 0, comments: 0, held: 0, hidden: 0 };
  for (const r of rows) {
    totals.views += r.views;
    totals.comments += r.comments;
    totals.held += r.held;
    totals.hidden += r.hidden;
  }
  return { days: rows, totals };
}

/** Site-wide views and comments per day, for the last `days` days (UTC, today included). */
export async function getSiteSeries(viewer: Actor | null, { days = 30, now = new Date() }: { days?: number; now?: Date } = {}): Promise<StatsSeries> {
  requireStaff(viewer);
  return series(days, now);
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
  return { post, series: await series(days, now, row.id) };
}

const PERIOD_DAYS: Record<StatsPeriod, number | null> = { '7': 7, '30': 30, '90': 90, all: null };

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
  const days = PERIOD_DAYS[period];
  const take = Math.min(Math.max(Math.trunc(limit), 1), 100);
  if (days === null) {
    // All time: the pipeline keeps posts.view_count and posts.comment_count equal to the
    // sums, so no scan of the per-day table.
    const rows = await db.post.findMany({
      where: { deletedAt: null, viewCount: { gt: 0 } },
      orderBy: [{ viewCount: 'desc' }, { id: 'asc' }],
      take,
      select: { slug: true, title: true, viewCount: true, commentCount: true },
    });
    return rows.map((r) => ({ slug: r.slug, title: r.title, views: r.viewCount, comments: r.commentCount }));
  }
  const start = windowStart(days, now);
  const end = utcDay(now);
  return db.$queryRaw<TopPost[]>`
    WITH top AS (
      SELECT v.post_id, sum(v.views)::int AS views
        FROM post_view_days v JOIN posts p ON p.id = v.post_id AND p.deleted_at IS NULL
       WHERE v.day BETWEEN ${start}::date AND ${end}::date
       GROUP BY v.post_id
       ORDER BY views DESC, v.post_id
       LIMIT ${take}
    )
    SELECT p.slug, p.title, top.views,
           (SELECT count(*)::int FROM comments c
             WHERE c.post_id = top.post_id AND c.status = 'VISIBLE'
               AND c.created_at >= ${start}::date AND c.created_at < ${end}::date + 1) AS comments
      FROM top JOIN posts p ON p.id = top.post_id
     ORDER BY top.views DESC, top.post_id`;
}

/** All-time figures: views counted, visible comments, posts readers can see. */
export async function getSiteTotals(viewer: Actor | null): Promise<SiteTotals> {
  requireStaff(viewer);
  const [views, comments, publishedPosts] = await Promise.all([
    db.post.aggregate({ _sum: { viewCount: true } }),
    db.comment.count({ where: { status: 'VISIBLE' } }),
    db.post.count({ where: { status: { in: ['PUBLISHED', 'SCHEDULED'] }, publishedAt: { lte: new Date() }, deletedAt: null } }),
  ]);
  return { views: views._sum.viewCount ?? 0, comments, publishedPosts };
}
