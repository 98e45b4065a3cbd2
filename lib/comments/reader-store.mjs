// @ts-check
// A signed-in reader's own part of a post's comments, in one query over a pg pool: who they
// are (name, ban, when their address was confirmed, their session version), whether they like the post (with its
// exact like count), the comments on the post they wrote, liked or reported, with what
// their controls need, and the current counts of the posts the page shows (the post, its cards). The production server serves signed-in post pages from a shared
// shell plus this (server/reader-pages.mjs), so it runs on every signed-in page view: one
// round trip, each part from its own index. Plain JavaScript like lib/views/store.mjs, so
// it runs before Next's request handling.

/** @typedef {{ query(text: string, values?: unknown[]): Promise<{ rows: any[] }> }} Queryable */
/**
 * @typedef {{ id: string, authorId: string | null, likeCount: number, state: 'VISIBLE' | 'HELD' | 'REMOVED', liked: boolean, reported: boolean, editable: boolean }} ReaderComment
 * @typedef {{ name: string | null, banned: boolean, emailVerified: Date | null, sessionVersion: number, held: boolean, comments: ReaderComment[], post: { liked: boolean, likeCount: number } | null, counts: Map<string, import('../posts/counters.mjs').PostCounts> }} ReaderOnPost
 */

const READER_SQL = `
  WITH p AS (SELECT id, like_count FROM posts WHERE slug = $1),
  mine AS (
    SELECT c.id FROM comments c JOIN p ON c.post_id = p.id WHERE c.author_id = $2
    UNION SELECT comment_id FROM comment_likes WHERE user_id = $2
    UNION SELECT comment_id FROM comment_reports WHERE user_id = $2
  )
  SELECT u.name, u.banned_at IS NOT NULL AS banned, u.email_verified, u.session_version,
    (SELECT like_count FROM p) AS post_like_count,
    EXISTS (SELECT 1 FROM post_likes l JOIN p ON l.post_id = p.id WHERE l.user_id = $2) AS post_liked,
    COALESCE((
      SELECT json_agg(json_build_object(
        'id', c.id, 'author_id', c.author_id, 'status', c.status, 'like_count', c.like_count,
        'liked', EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = $2),
        'reported', EXISTS (SELECT 1 FROM comment_reports r WHERE r.comment_id = c.id AND r.user_id = $2),
        'editable', c.author_id = $2 AND c.status IN ('VISIBLE', 'HELD') AND c.created_at > $3))
      FROM comments c JOIN mine ON mine.id = c.id JOIN p ON c.post_id = p.id
    ), '[]'::json) AS comments,
    COALESCE((
      SELECT json_agg(json_build_array(id, view_count, comment_count, like_count)) FROM posts WHERE id = ANY($4::text[])
    ), '[]'::json) AS counts
  FROM users u WHERE u.id = $2`;

/** @param {Queryable} pool */
export function createReaderStore(pool) {
  return {
    /**
     * The reader `userId` on the post `slug`, or null when there is no such user; with the
     * current counts of the posts `countsOf` (the page's post and its cards).
     * @param {string} slug @param {string} userId @param {Date} editableSince @param {string[]} [countsOf] @returns {Promise<ReaderOnPost | null>}
     */
    async readerOn(slug, userId, editableSince, countsOf = []) {
      const { rows } = await pool.query(READER_SQL, [slug, userId, editableSince, countsOf]);
      const row = rows[0];
      if (!row) return null;
      /** @type {{ id: string, author_id: string, status: string, like_count: number, liked: boolean, reported: boolean, editable: boolean }[]} */
      const list = row.comments;
      // The same states as the thread page (lib/dal/comments.ts toComment): deleted and hidden are "removed".
      const comments = list.map((c) => {
        const removed = c.status === 'DELETED' || c.status === 'HIDDEN';
        /** @type {ReaderComment['state']} */
        const state = removed ? 'REMOVED' : c.status === 'HELD' ? 'HELD' : 'VISIBLE';
        return {
          id: c.id,
          authorId: removed ? null : c.author_id,
          likeCount: c.like_count,
          state,
          liked: c.liked,
          reported: c.reported,
          editable: c.editable,
        };
      });
      return {
        name: row.name,
        banned: row.banned,
        emailVerified: row.email_verified,
        sessionVersion: row.session_version,
        held: list.some((c) => c.status === 'HELD' && c.author_id === userId),
        comments,
        post: row.post_like_count === null ? null : { liked: row.post_liked, likeCount: row.post_like_count },
        counts: new Map(row.counts.map((/** @type {[string, number, number, number]} */ [id, views, comments, likes]) => [id, { views, comments, likes }])),
      };
    },
  };
}
