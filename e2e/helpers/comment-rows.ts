import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from './fixtures';
import { db } from './users';

// The comment rows behind what the pages show, read and written straight in the test
// database: to check what a test did, and to set up what the UI cannot (old comments,
// held ones, fixtures by the hundred).

export type CommentRow = { id: string; body: string; status: string; parentId: string | null; editedAt: Date | null; likeCount: number; authorId: string };

export async function getComment(id: string): Promise<CommentRow | undefined> {
  const { rows } = await db().query<{ id: string; body: string; status: string; parent_id: string | null; edited_at: Date | null; like_count: number; author_id: string }>(
    'SELECT id, body, status, parent_id, edited_at, like_count, author_id FROM comments WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { id: r.id, body: r.body, status: r.status, parentId: r.parent_id, editedAt: r.edited_at, likeCount: r.like_count, authorId: r.author_id };
}

/** The id of the comment with exactly this body, if one is stored. */
export async function commentIdByBody(body: string): Promise<string | undefined> {
  const { rows } = await db().query<{ id: string }>('SELECT id FROM comments WHERE body = $1 ORDER BY created_at DESC LIMIT 1', [body]);
  return rows[0]?.id;
}

/** How many comments a user has stored (any state). */
export async function countCommentsBy(authorId: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [authorId]);
  return rows[0]?.n ?? 0;
}

export async function countReports(commentId: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comment_reports WHERE comment_id = $1', [commentId]);
  return rows[0]?.n ?? 0;
}

/** posts.comment_count: the visible comments the counters show. */
export async function storedCommentCount(slug: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT comment_count AS n FROM posts WHERE slug = $1', [slug]);
  const n = rows[0]?.n;
  if (n === undefined) throw new Error(`e2e: no post with slug ${slug}`);
  return n;
}

/** Moves a comment's creation time `minutes` back (relative: the column has no time zone). */
export async function backdateComment(id: string, minutes: number): Promise<void> {
  const { rowCount } = await db().query('UPDATE comments SET created_at = created_at - make_interval(mins => $2::int) WHERE id = $1', [id, minutes]);
  expect(rowCount).toBe(1);
}

/**
 * A held comment stored directly (no rate limit, no cache to invalidate: held comments
 * are only in their author's uncached view and the moderation queue).
 */
export async function insertHeldComment(postId: string, authorId: string, body: string): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const html = `<p>${body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</p>`;
  await db().query(`INSERT INTO comments (id, post_id, author_id, body, body_html, status) VALUES ($1, $2, $3, $4, $5, 'HELD')`, [id, postId, authorId, body, html]);
  return id;
}

export async function postTitleOf(slug: string): Promise<string> {
  const { rows } = await db().query<{ title: string }>('SELECT title FROM posts WHERE slug = $1', [slug]);
  const title = rows[0]?.title;
  if (!title) throw new Error(`e2e: no post with slug ${slug}`);
  return title;
}

export async function isBanned(userId: string): Promise<boolean> {
  const { rows } = await db().query<{ banned: boolean }>('SELECT banned_at IS NOT NULL AS banned FROM users WHERE id = $1', [userId]);
  return rows[0]?.banned ?? false;
}

/** The id of the comment with exactly this body; fails when none is stored. */
export async function storedCommentId(body: string): Promise<string> {
  const id = await commentIdByBody(body);
  if (!id) throw new Error(`e2e: no comment with body ${JSON.stringify(body)}`);
  return id;
}

/** Whether the user still gets reply emails (users.notify_replies). */
export async function notifyReplies(userId: string): Promise<boolean> {
  const { rows } = await db().query<{ notify_replies: boolean }>('SELECT notify_replies FROM users WHERE id = $1', [userId]);
  if (!rows[0]) throw new Error(`e2e: no user ${userId}`);
  return rows[0].notify_replies;
}

/**
 * Forgets the one-comment-per-10-seconds burst limits of a user and an address, for a
 * test whose second comment is not about that limit (rate-limiter-flexible keys its
 * rows "<rule>:<key>").
 */
export async function forgetCommentBurst(userId: string, address: string): Promise<void> {
  await db().query('DELETE FROM rate_limits WHERE key = ANY($1)', [[`commentUserBurst:${userId}`, `commentIpBurst:${address}`]]);
}

export type CommentStatus = 'VISIBLE' | 'HELD' | 'HIDDEN' | 'DELETED';

/** A fixture comment written directly (not rendered through the app; do not display it). */
export async function insertComment({
  postId,
  authorId,
  status = 'VISIBLE',
  body = `fixture ${randomBytes(4).toString('hex')}`,
  createdAt = new Date(),
  parentId,
}: {
  postId: string;
  authorId: string;
  status?: CommentStatus;
  body?: string;
  createdAt?: Date;
  /** A reply to this comment (one level below it, in its thread). */
  parentId?: string;
}): Promise<string> {
  // The shape of a cuid, which the actions' id schema (lib/validations/ids.mjs) accepts.
  const id = `c${randomBytes(16).toString('hex').slice(0, 24)}`;
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at, parent_id, root_id, depth)
       SELECT $1, $2, $3, $4, $5, $6, $7, parent.id, coalesce(parent.root_id, parent.id), coalesce(parent.depth + 1, 0)
         FROM (SELECT 1) one LEFT JOIN comments parent ON parent.id = $8::text`,
      [id, postId, authorId, body, `<p>${body}</p>`, status, createdAt, parentId ?? null],
    );
    // posts.comment_count counts visible comments; keep it exact as the app does.
    if (status === 'VISIBLE') await client.query('UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1', [postId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return id;
}
