import { db } from './users';

// What the comments and likes authorization matrix (e2e/authz-matrix.spec.ts) reads back:
// each row's state as one string, so a refused cell can be checked to leave it exactly as
// it was, and an allowed one to change it as expected.

async function one(sql: string, params: unknown[]): Promise<string> {
  const { rows } = await db().query<{ v: string | null }>(sql, params);
  return rows.map((r) => r.v ?? 'NULL').join(',');
}

export const commentsWithBody = (postId: string, body: string) =>
  one('SELECT author_id AS v FROM comments WHERE post_id = $1 AND body = $2 ORDER BY created_at', [postId, body]);
export const repliesWithBody = (parentId: string, body: string) =>
  one('SELECT author_id AS v FROM comments WHERE parent_id = $1 AND body = $2 ORDER BY created_at', [parentId, body]);
export const statusOf = (id: string) => one('SELECT status::text AS v FROM comments WHERE id = $1', [id]);
export const bodyOf = (id: string) => one('SELECT body AS v FROM comments WHERE id = $1', [id]);
export const likesOf = (id: string) =>
  one(`SELECT c.like_count || ':' || coalesce(string_agg(l.user_id, ',' ORDER BY l.user_id), '') AS v
         FROM comments c LEFT JOIN comment_likes l ON l.comment_id = c.id WHERE c.id = $1 GROUP BY c.id`, [id]);
/** The post's like count and its likers (byte order, as JavaScript sorts them). */
export const postLikesOf = (postId: string) =>
  one(`SELECT p.like_count || ':' || coalesce((SELECT string_agg(user_id, ',' ORDER BY user_id COLLATE "C") FROM post_likes WHERE post_id = p.id), '') AS v
         FROM posts p WHERE p.id = $1`, [postId]);
export const reportersOf = (id: string) => one('SELECT user_id AS v FROM comment_reports WHERE comment_id = $1 ORDER BY user_id', [id]);
export const banOf = (id: string) => one("SELECT CASE WHEN banned_at IS NULL THEN 'not banned' ELSE 'banned' END AS v FROM users WHERE id = $1", [id]);
