import 'server-only';
import { db } from '@/lib/db';

// What reply notifications need from the database: the reply and the comment it answers
// (lib/comments/notify.ts decides whether to write and sends the email), the throttle of
// one email per reader per thread per hour, and the unsubscribe switch.

/** A reply and the comment it answers, with that comment's author: the facts the notification rules read. */
export type ReplyFacts = {
  id: string;
  body: string;
  status: string;
  authorId: string;
  authorName: string | null;
  post: { slug: string; title: string; deleted: boolean };
  parent: {
    id: string;
    parentId: string | null;
    status: string;
    author: { id: string; email: string | null; name: string | null; notifyReplies: boolean; banned: boolean };
  } | null;
};

export async function getReplyFacts(replyId: string): Promise<ReplyFacts | null> {
  const reply = await db.comment.findUnique({
    where: { id: replyId },
    select: {
      id: true,
      body: true,
      status: true,
      authorId: true,
      author: { select: { name: true } },
      post: { select: { slug: true, title: true, deletedAt: true } },
      parent: {
        select: {
          id: true,
          parentId: true,
          status: true,
          author: { select: { id: true, email: true, name: true, notifyReplies: true, bannedAt: true } },
        },
      },
    },
  });
  if (!reply) return null;
  const { parent } = reply;
  return {
    id: reply.id,
    body: reply.body,
    status: reply.status,
    authorId: reply.authorId,
    authorName: reply.author.name,
    post: { slug: reply.post.slug, title: reply.post.title, deleted: reply.post.deletedAt !== null },
    parent: parent && {
      id: parent.id,
      parentId: parent.parentId,
      status: parent.status,
      author: { id: parent.author.id, email: parent.author.email, name: parent.author.name, notifyReplies: parent.author.notifyReplies, banned: parent.author.bannedAt !== null },
    },
  };
}

/** Turns reply emails off. The caller has verified an unsubscribe token for this user. */
export async function unsubscribeReplies(userId: string): Promise<boolean> {
  const { count } = await db.user.updateMany({ where: { id: userId }, data: { notifyReplies: false } });
  return count > 0;
}

/** Gives back the slot claimThrottleSlot took: nothing reached the reader. */
export async function releaseThrottleSlot(userId: string, threadId: string): Promise<void> {
  await db.$executeRaw`DELETE FROM reply_notifications WHERE user_id = ${userId} AND thread_id = ${threadId}`;
}

/** The top-level comment of the thread `commentId` belongs to. */
export async function threadRootId(commentId: string): Promise<string> {
  // The hop limit only guards against a corrupt parent chain; real threads are shallow.
  const rows = await db.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up (id, parent_id, hops) AS (
      SELECT id, parent_id, 0 FROM comments WHERE id = ${commentId}
      UNION ALL
      SELECT c.id, c.parent_id, up.hops + 1 FROM comments c JOIN up ON c.id = up.parent_id WHERE up.hops < 100
    )
    SELECT id FROM up ORDER BY hops DESC LIMIT 1`;
  return rows[0]?.id ?? commentId;
}

/**
 * Records an email to `userId` about `threadId` unless one went out in the last hour.
 * One statement, so of two concurrent replies exactly one gets the slot.
 */
export async function claimThrottleSlot(userId: string, threadId: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    INSERT INTO reply_notifications (user_id, thread_id, sent_at) VALUES (${userId}, ${threadId}, now())
    ON CONFLICT (user_id, thread_id) DO UPDATE SET sent_at = now()
      WHERE reply_notifications.sent_at < now() - interval '1 hour'
    RETURNING 1`;
  return rows.length > 0;
}
