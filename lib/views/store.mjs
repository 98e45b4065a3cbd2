// @ts-check
import { randomBytes } from 'node:crypto';
import { liveSql } from '../live-posts.mjs';
import { createBatcher } from './batcher.mjs';
import { viewDay, visitorHash } from './visitor.mjs';

// The view pipeline's storage. A beacon becomes one (post, day, visitor hash) event;
// events are written in batches (group commit) with ON CONFLICT DO NOTHING as the
// per-day dedupe, and the same statement rolls the newly inserted events into
// posts.view_count and post_view_days. Writers never queue per view on the post row:
// one UPDATE per batch. Plain JavaScript over a pg pool, so the production server can
// take beacons before Next's request handling (server/server.mjs), and the
// Next route handler (`npm run dev`) uses the very same code.

/** @typedef {{ query(text: string, values?: unknown[]): Promise<{ rows: any[] }> }} Queryable */
/** @typedef {{ postId: string, day: string, hash: string }} ViewEvent */
/** @typedef {'recorded' | 'unknown-post'} RecordViewResult */
/** @typedef {{ recordView(postId: string, address: string, userAgent: string, now?: Date): Promise<RecordViewResult> }} ViewStore */

const FLUSH_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::text[], $2::date[], $3::text[]) AS t(post_id, day, hash)
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

const VIEWABLE_SQL = `
  SELECT 1 FROM posts
   WHERE id = $1 AND ${liveSql()}`;

const KNOWN_POST_TTL_MS = 60_000;

/**
 * @param {Queryable} pool
 * @returns {ViewStore}
 */
export function createViewStore(pool) {
  /** @type {Map<string, Buffer>} */
  const saltByDay = new Map();
  /** @type {Map<string, number>} */
  const knownPosts = new Map();

  /**
   * Today's random salt, shared by all server processes through the database.
   * @param {string} day
   */
  async function dailySalt(day) {
    const known = saltByDay.get(day);
    if (known) return known;
    await pool.query('INSERT INTO view_salts (day, salt) VALUES ($1::date, $2) ON CONFLICT (day) DO NOTHING', [day, randomBytes(32)]);
    const { rows } = await pool.query('SELECT salt FROM view_salts WHERE day = $1::date', [day]);
    const salt = Buffer.from(rows[0].salt);
    saltByDay.clear();
    saltByDay.set(day, salt);
    // Salts older than yesterday are deleted, so old hashes can no longer be linked to anyone.
    await pool.query('DELETE FROM view_salts WHERE day < $1::date - 1', [day]);
    return salt;
  }

  const batcher = createBatcher(
    /** @param {ViewEvent[]} events */
    async (events) => {
      await pool.query(FLUSH_SQL, [events.map((e) => e.postId), events.map((e) => e.day), events.map((e) => e.hash)]);
    },
  );

  /**
   * Whether a post exists and is published (remembered for a minute).
   * @param {string} postId
   */
  async function isViewablePost(postId) {
    const until = knownPosts.get(postId);
    if (until && until > Date.now()) return true;
    const { rows } = await pool.query(VIEWABLE_SQL, [postId]);
    if (rows.length === 0) return false;
    if (knownPosts.size > 10_000) knownPosts.clear();
    knownPosts.set(postId, Date.now() + KNOWN_POST_TTL_MS);
    return true;
  }

  return {
    /**
     * Records one view of a post by a visitor (address + user agent), at most once per
     * visitor per post per UTC day. Resolves when the view is durably stored.
     */
    async recordView(postId, address, userAgent, now = new Date()) {
      if (!(await isViewablePost(postId))) return 'unknown-post';
      const day = viewDay(now);
      const salt = await dailySalt(day);
      await batcher.add({ postId, day, hash: visitorHash(salt, address, userAgent) });
      return 'recorded';
    },
  };
}
