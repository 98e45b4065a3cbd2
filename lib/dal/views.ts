import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { createBatcher } from '@/lib/views/batcher';
import { viewDay, visitorHash } from '@/lib/views/visitor';

// The view pipeline. A beacon becomes one (post, day, visitor hash) event; events are
// written in batches (group commit) with ON CONFLICT DO NOTHING as the per-day dedupe,
// and the same statement rolls the newly inserted events into posts.view_count and
// post_view_days. Writers never queue per view on the post row: one UPDATE per batch.

type ViewEvent = { postId: string; day: string; hash: string };

const saltByDay = new Map<string, Buffer>();

/** Today's random salt, shared by all server processes through the database. */
async function getDailySalt(day: string): Promise<Buffer> {
  const known = saltByDay.get(day);
  if (known) return known;
  await db.$executeRaw`INSERT INTO view_salts (day, salt) VALUES (${day}::date, ${randomBytes(32)}) ON CONFLICT (day) DO NOTHING`;
  const row = await db.viewSalt.findUniqueOrThrow({ where: { day: new Date(`${day}T00:00:00Z`) }, select: { salt: true } });
  const salt = Buffer.from(row.salt);
  saltByDay.clear();
  saltByDay.set(day, salt);
  // Salts older than yesterday are deleted, so old hashes can no longer be linked to anyone.
  await db.$executeRaw`DELETE FROM view_salts WHERE day < ${day}::date - 1`;
  return salt;
}

async function flushViews(events: ViewEvent[]): Promise<void> {
  const postIds = events.map((e) => e.postId);
  const days = events.map((e) => e.day);
  const hashes = events.map((e) => e.hash);
  await db.$executeRaw`
    WITH input AS (
      SELECT * FROM unnest(${postIds}::text[], ${days}::date[], ${hashes}::text[]) AS t(post_id, day, hash)
    ), inserted AS (
      INSERT INTO post_view_events (post_id, day, visitor_hash)
      SELECT post_id, day, decode(hash, 'hex') FROM input
      ON CONFLICT DO NOTHING
      RETURNING post_id, day
    ), per_day AS (
      SELECT post_id, day, count(*)::int AS n FROM inserted GROUP BY post_id, day
    ), days AS (
      INSERT INTO post_view_days (post_id, day, views)
      SELECT post_id, day, n FROM per_day
      ON CONFLICT (post_id, day) DO UPDATE SET views = post_view_days.views + EXCLUDED.views
    )
    UPDATE posts SET view_count = posts.view_count + c.n
      FROM (SELECT post_id, sum(n)::int AS n FROM per_day GROUP BY post_id) c
     WHERE posts.id = c.post_id`;
}

const batcher = createBatcher(flushViews);

const knownPosts = new Map<string, number>();
const KNOWN_POST_TTL_MS = 60_000;

/** Whether a post exists and is published (remembered for a minute). */
async function isViewablePost(postId: string): Promise<boolean> {
  const until = knownPosts.get(postId);
  if (until && until > Date.now()) return true;
  const post = await db.post.findFirst({
    where: { id: postId, status: { in: ['PUBLISHED', 'SCHEDULED'] }, publishedAt: { lte: new Date() }, deletedAt: null },
    select: { id: true },
  });
  if (!post) return false;
  if (knownPosts.size > 10_000) knownPosts.clear();
  knownPosts.set(postId, Date.now() + KNOWN_POST_TTL_MS);
  return true;
}

export type RecordViewResult = 'recorded' | 'unknown-post';

/**
 * Records one view of a post by a visitor (address + user agent), at most once per
 * visitor per post per UTC day. Resolves when the view is durably stored.
 */
export async function recordView(postId: string, address: string, userAgent: string, now = new Date()): Promise<RecordViewResult> {
  if (!(await isViewablePost(postId))) return 'unknown-post';
  const day = viewDay(now);
  const salt = await getDailySalt(day);
  await batcher.add({ postId, day, hash: visitorHash(salt, address, userAgent) });
  return 'recorded';
}
