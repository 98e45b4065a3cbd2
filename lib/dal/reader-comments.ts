import 'server-only';
import type { CommentMeta } from '@/lib/comments/thread-html';
import { db } from '@/lib/db';

// One reader's own part of a post's comments, in one query: the comments they wrote, liked
// or reported on it, with what their controls need (lib/comments/reader-layer.ts). The
// signed-in page is served from a shared shell plus this (server/reader-pages.mjs), so it
// runs on every signed-in page view: one round trip, each part from its own index.

export type ReaderComment = CommentMeta & { id: string; liked: boolean; reported: boolean; editable: boolean };

type Row = { id: string; author_id: string; status: string; like_count: number; liked: boolean; reported: boolean; editable: boolean };

export async function getReaderComments(postId: string, viewerId: string, editWindowMs: number): Promise<{ comments: ReaderComment[]; held: boolean }> {
  const editableSince = new Date(Date.now() - editWindowMs);
  const rows = await db.$queryRaw<Row[]>`
    WITH mine AS (
      SELECT id FROM comments WHERE author_id = ${viewerId} AND post_id = ${postId}
      UNION SELECT comment_id FROM comment_likes WHERE user_id = ${viewerId}
      UNION SELECT comment_id FROM comment_reports WHERE user_id = ${viewerId}
    )
    SELECT c.id, c.author_id, c.status::text AS status, c.like_count,
           EXISTS (SELECT 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = ${viewerId}) AS liked,
           EXISTS (SELECT 1 FROM comment_reports r WHERE r.comment_id = c.id AND r.user_id = ${viewerId}) AS reported,
           (c.author_id = ${viewerId} AND c.status IN ('VISIBLE', 'HELD') AND c.created_at > ${editableSince}) AS editable
    FROM comments c JOIN mine ON mine.id = c.id
    WHERE c.post_id = ${postId}`;
  // The same states as the thread page (lib/dal/comments.ts toComment): deleted and hidden are "removed".
  const comments = rows.map((r): ReaderComment => {
    const removed = r.status === 'DELETED' || r.status === 'HIDDEN';
    return {
      id: r.id,
      authorId: removed ? null : r.author_id,
      likeCount: r.like_count,
      state: removed ? 'REMOVED' : r.status === 'HELD' ? 'HELD' : 'VISIBLE',
      liked: r.liked,
      reported: r.reported,
      editable: r.editable,
    };
  });
  return { comments, held: rows.some((r) => r.status === 'HELD' && r.author_id === viewerId) };
}
