import 'server-only';
import { db } from '@/lib/db';
import type { CommentStatus } from '@/lib/generated/prisma/client';
import type { Locale } from '@/lib/i18n';
import { enqueueReplyEmail } from '@/lib/dal/enqueue-jobs';
import type { Refused } from './result';
import { liveWhere } from '@/lib/live-posts.mjs';

// Changing comments. Every function takes the acting user's id and puts ownership or
// state in the WHERE clause itself, so a forged id changes nothing. posts.comment_count
// counts VISIBLE comments and moves in the same transaction as the status, in SQL rather
// than through Prisma, whose @updatedAt would move posts.updated_at: a comment is not an
// edit of the post (its sitemap lastmod, og:modified_time and every list cache stay put).

export type CommentTarget = { postId: string; postSlug: string };

/** Why a change was refused (worded by the dictionary's `refusals`). */
export type CommentWriteReason = 'parentGone' | 'commentGone' | 'notOwner' | 'hidden' | 'editWindowClosed' | 'ownComment';

type WriteFailure = Refused<CommentWriteReason>;

/** The post a new comment goes on, if readers may comment on it. */
export async function getCommentablePost(postId: string): Promise<CommentTarget | null> {
  const post = await db.post.findFirst({
    where: { id: postId, ...liveWhere() },
    select: { id: true, slug: true },
  });
  return post ? { postId: post.id, postSlug: post.slug } : null;
}

export async function hasCommentedBefore(authorId: string): Promise<boolean> {
  return (await db.comment.count({ where: { authorId, status: { in: ['VISIBLE', 'HIDDEN', 'DELETED'] } }, take: 1 })) > 0;
}

export async function createComment(input: {
  postId: string;
  authorId: string;
  parentId: string | null;
  body: string;
  bodyHtml: string;
  status: 'VISIBLE' | 'HELD';
  maxDepth: number;
  /** A visible reply enqueues the email to its parent's author, in this language, in the same transaction. */
  replyEmailLocale: Locale;
}): Promise<{ ok: true; id: string; status: CommentStatus } | WriteFailure> {
  return db.$transaction(async (tx) => {
    let parentId: string | null = null;
    let rootId: string | null = null;
    let depth = 0;
    if (input.parentId) {
      const parent = await tx.comment.findFirst({
        where: { id: input.parentId, postId: input.postId, status: 'VISIBLE' },
        select: { id: true, parentId: true, rootId: true, depth: true },
      });
      if (!parent) return { ok: false, status: 404, reason: 'parentGone' } as const;
      // Deeper than allowed: the reply joins the deepest allowed level, beside its parent.
      if (parent.depth + 1 >= input.maxDepth && parent.parentId) {
        parentId = parent.parentId;
        depth = parent.depth;
      } else {
        parentId = parent.id;
        depth = parent.depth + 1;
      }
      rootId = parent.rootId ?? parent.id;
    }
    const created = await tx.comment.create({
      data: { postId: input.postId, authorId: input.authorId, parentId, rootId, depth, body: input.body, bodyHtml: input.bodyHtml, status: input.status },
      select: { id: true, status: true },
    });
    if (created.status === 'VISIBLE') {
      await tx.$executeRaw`UPDATE posts SET comment_count = comment_count + 1 WHERE id = ${input.postId}`;
      if (parentId) await enqueueReplyEmail(tx, { commentId: created.id, locale: input.replyEmailLocale });
    }
    return { ok: true, id: created.id, status: created.status } as const;
  });
}

async function describeOwnFailure(id: string, authorId: string): Promise<WriteFailure> {
  const row = await db.comment.findUnique({ where: { id }, select: { authorId: true, status: true } });
  if (!row || row.status === 'DELETED') return { ok: false, status: 404, reason: 'commentGone' };
  if (row.authorId !== authorId) return { ok: false, status: 403, reason: 'notOwner' };
  if (row.status === 'HIDDEN') return { ok: false, status: 403, reason: 'hidden' };
  return { ok: false, status: 409, reason: 'editWindowClosed' };
}

/** Edits the author's own comment within the edit window (the site setting, in ms). */
export async function editOwnComment(input: {
  id: string;
  authorId: string;
  body: string;
  bodyHtml: string;
  editWindowMs: number;
  now?: Date;
}): Promise<{ ok: true; target: CommentTarget } | WriteFailure> {
  const now = input.now ?? new Date();
  const { count } = await db.comment.updateMany({
    where: { id: input.id, authorId: input.authorId, status: { in: ['VISIBLE', 'HELD'] }, createdAt: { gt: new Date(now.getTime() - input.editWindowMs) } },
    data: { body: input.body, bodyHtml: input.bodyHtml, editedAt: now },
  });
  if (count === 0) return describeOwnFailure(input.id, input.authorId);
  return { ok: true, target: await targetOf(input.id) };
}

/** Deletes the author's own comment: its text goes; a placeholder stays if it has replies. */
export async function deleteOwnComment(input: { id: string; authorId: string }): Promise<{ ok: true; target: CommentTarget } | WriteFailure> {
  return setStatus(input.id, 'DELETED', { authorId: input.authorId, from: ['VISIBLE', 'HELD'], clearBody: true }).then(async (r) =>
    r ? { ok: true as const, target: r } : describeOwnFailure(input.id, input.authorId),
  );
}

/** Moves a comment between states, keeping the post's count of visible comments exact. */
export async function setStatus(
  id: string,
  to: CommentStatus,
  opts: { authorId?: string; from: CommentStatus[]; clearBody?: boolean },
): Promise<CommentTarget | null> {
  return db.$transaction(async (tx) => {
    // Lock the row so two concurrent changes cannot both count.
    const rows = await tx.$queryRaw<{ status: CommentStatus; post_id: string; author_id: string }[]>`
      SELECT status, post_id, author_id FROM comments WHERE id = ${id} FOR UPDATE`;
    const row = rows[0];
    if (!row || !opts.from.includes(row.status) || row.status === to) return null;
    if (opts.authorId && row.author_id !== opts.authorId) return null;
    await tx.comment.update({
      where: { id },
      data: { status: to, ...(opts.clearBody ? { body: '', bodyHtml: '' } : {}) },
      select: { id: true },
    });
    const delta = (to === 'VISIBLE' ? 1 : 0) - (row.status === 'VISIBLE' ? 1 : 0);
    const posts = await tx.$queryRaw<{ id: string; slug: string }[]>`
      UPDATE posts SET comment_count = comment_count + ${delta} WHERE id = ${row.post_id} RETURNING id, slug`;
    const post = posts[0];
    if (!post) throw new Error(`comment ${id} belongs to no post`);
    return { postId: post.id, postSlug: post.slug };
  });
}

async function targetOf(commentId: string): Promise<CommentTarget> {
  const row = await db.comment.findUniqueOrThrow({ where: { id: commentId }, select: { post: { select: { id: true, slug: true } } } });
  return { postId: row.post.id, postSlug: row.post.slug };
}

/** Likes or unlikes a visible comment, once per reader. */
export async function toggleCommentLike(commentId: string, userId: string): Promise<{ ok: true; liked: boolean; likeCount: number; target: CommentTarget } | WriteFailure> {
  return db.$transaction(async (tx) => {
    const comment = await tx.comment.findFirst({ where: { id: commentId, status: 'VISIBLE' }, select: { id: true } });
    if (!comment) return { ok: false, status: 404, reason: 'commentGone' } as const;
    const inserted = await tx.$executeRaw`
      INSERT INTO comment_likes (comment_id, user_id) VALUES (${commentId}, ${userId}) ON CONFLICT DO NOTHING`;
    const liked = inserted === 1;
    if (!liked) await tx.commentLike.delete({ where: { commentId_userId: { commentId, userId } } });
    const updated = await tx.comment.update({
      where: { id: commentId },
      data: { likeCount: { increment: liked ? 1 : -1 } },
      select: { likeCount: true, post: { select: { id: true, slug: true } } },
    });
    return { ok: true, liked, likeCount: updated.likeCount, target: { postId: updated.post.id, postSlug: updated.post.slug } } as const;
  });
}

/** Reports a comment to the moderators, once per reader. */
export async function reportComment(commentId: string, userId: string, reason: string): Promise<{ ok: true; already: boolean; target: CommentTarget } | WriteFailure> {
  const comment = await db.comment.findFirst({
    where: { id: commentId, status: { in: ['VISIBLE', 'HELD'] } },
    select: { authorId: true, post: { select: { id: true, slug: true } } },
  });
  if (!comment) return { ok: false, status: 404, reason: 'commentGone' };
  if (comment.authorId === userId) return { ok: false, status: 409, reason: 'ownComment' };
  const inserted = await db.$executeRaw`
    INSERT INTO comment_reports (comment_id, user_id, reason) VALUES (${commentId}, ${userId}, ${reason}) ON CONFLICT DO NOTHING`;
  return { ok: true, already: inserted === 0, target: { postId: comment.post.id, postSlug: comment.post.slug } };
}
