// @ts-check
// "A post is live": readers may see it. Published, or scheduled and its time has come, and not
// in the trash. The one definition of it, in the three forms the code needs: a Prisma `where`
// (lib/dal), an SQL condition (lib/dal's raw queries and the views store, lib/views/store.mjs,
// which runs under plain Node in the production server) and a test of a row already read.
// Every page, feed, sitemap, search, API answer, like, comment and view goes through one of them.

/** @typedef {'DRAFT' | 'SCHEDULED' | 'PUBLISHED'} PostStatus */

/** @type {('PUBLISHED' | 'SCHEDULED')[]} */
const LIVE_STATUSES = ['PUBLISHED', 'SCHEDULED'];

/**
 * The Prisma `where` of live posts, to spread into a post query (`{ slug, ...liveWhere() }`)
 * or to use under a relation (`post: liveWhere()`).
 * @param {Date} [now]
 * @returns {{ status: { in: ('PUBLISHED' | 'SCHEDULED')[] }, publishedAt: { lte: Date }, deletedAt: null }}
 */
export function liveWhere(now = new Date()) {
  return { status: { in: LIVE_STATUSES }, publishedAt: { lte: now }, deletedAt: null };
}

/**
 * The same condition in SQL on the `posts` table, its columns prefixed with `alias.` when
 * given. Plain text with no parameters: wrap it in `Prisma.raw` inside a `Prisma.sql` query.
 * @param {string} [alias] the table's alias in the query (a plain identifier)
 */
export function liveSql(alias) {
  const p = alias ? `${alias}.` : '';
  return `${p}status IN ('PUBLISHED', 'SCHEDULED') AND ${p}published_at <= now() AND ${p}deleted_at IS NULL`;
}

/**
 * Whether a post already read is live.
 * @param {{ status: PostStatus, publishedAt: Date | null, deletedAt: Date | null }} post
 * @param {Date} [now]
 */
export function isLive(post, now = new Date()) {
  return post.status !== 'DRAFT' && post.deletedAt === null && post.publishedAt !== null && post.publishedAt <= now;
}
