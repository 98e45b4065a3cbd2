import 'server-only';
import { db } from '@/lib/db';
import { liveWhere } from '@/lib/live-posts.mjs';

// A reader's like of a post. The like is the row in post_likes (one per reader and post,
// its primary key); posts.like_count follows the rows by a trigger in the same transaction
// (migration 20261203120000_post_like_counts), so concurrent likes and unlikes, and
// cascades, keep it exact. The form says which state the reader wants (like or not), so a
// post sent twice, or two tabs racing, cannot undo each other's intent.

export type PostLikeResult = { ok: true; liked: boolean; likeCount: number; postId: string; postSlug: string } | { ok: false; status: 404 };

/** Sets `userId`'s like of the published post `postId` to `like`; 404 for a post readers cannot see. */
export async function setPostLike(postId: string, userId: string, like: boolean): Promise<PostLikeResult> {
  return db.$transaction(async (tx) => {
    const post = await tx.post.findFirst({ where: { id: postId, ...liveWhere() }, select: { id: true, slug: true } });
    if (!post) return { ok: false, status: 404 } as const;
    if (like) await tx.$executeRaw`INSERT INTO post_likes (post_id, user_id) VALUES (${postId}, ${userId}) ON CONFLICT DO NOTHING`;
    else await tx.$executeRaw`DELETE FROM post_likes WHERE post_id = ${postId} AND user_id = ${userId}`;
    const rows = await tx.$queryRaw<{ like_count: number }[]>`SELECT like_count FROM posts WHERE id = ${postId}`;
    return { ok: true, liked: like, likeCount: rows[0]?.like_count ?? 0, postId: post.id, postSlug: post.slug } as const;
  });
}

/** Whether `userId` likes the post: per request, for the signed-in page Next renders itself. */
export async function hasLikedPost(postId: string, userId: string): Promise<boolean> {
  return (await db.postLike.count({ where: { postId, userId }, take: 1 })) > 0;
}
