import 'server-only';
import { db } from '@/lib/db';
import type { CommentStatus, Prisma } from '@/lib/generated/prisma/client';
import { setStatus, type CommentTarget } from './comment-writes';
import { assertAllowed, refuse, type Result } from './result';
import { canModerate, type Viewer } from './users';

// The moderation queue and the moderators' changes. Every function takes the acting
// viewer and refuses unless they are an editor or admin (checked here, not only by the
// page), so no caller can forget.

export const QUEUE_FILTERS = ['held', 'reported', 'all'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

export type QueueItem = {
  id: string;
  body: string;
  status: CommentStatus;
  createdAt: string;
  reportCount: number;
  reasons: string[];
  post: { slug: string; title: string };
  author: { id: string; name: string; email: string | null; banned: boolean; role: string };
};

const PAGE_SIZE = 50;

/** The queue; its page checks canModerate first, so a refusal here is a bug (it throws). */
export async function getModerationQueue(viewer: Viewer | null, filter: QueueFilter, page: number): Promise<{ items: QueueItem[]; hasMore: boolean }> {
  assertAllowed(canModerate(viewer), 'moderate comments');
  const where: Prisma.CommentWhereInput =
    filter === 'held' ? { status: 'HELD' } : filter === 'reported' ? { reports: { some: {} }, status: { in: ['VISIBLE', 'HELD'] } } : { status: { not: 'DELETED' } };
  const rows = await db.comment.findMany({
    where,
    select: {
      id: true,
      body: true,
      status: true,
      createdAt: true,
      post: { select: { slug: true, title: true } },
      author: { select: { id: true, name: true, email: true, bannedAt: true, role: true } },
      reports: { select: { reason: true }, take: 5 },
      _count: { select: { reports: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
  });
  return {
    hasMore: rows.length > PAGE_SIZE,
    items: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      body: r.body,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      reportCount: r._count.reports,
      reasons: r.reports.map((x) => x.reason).filter(Boolean),
      post: r.post,
      author: { id: r.author.id, name: r.author.name ?? 'Reader', email: r.author.email, banned: r.author.bannedAt !== null, role: r.author.role },
    })),
  };
}

export const MODERATION_ACTIONS = ['approve', 'hide', 'unhide', 'delete'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const TRANSITIONS: Record<ModerationAction, { to: CommentStatus; from: CommentStatus[] }> = {
  approve: { to: 'VISIBLE', from: ['HELD'] },
  hide: { to: 'HIDDEN', from: ['VISIBLE', 'HELD'] },
  unhide: { to: 'VISIBLE', from: ['HIDDEN'] },
  delete: { to: 'DELETED', from: ['VISIBLE', 'HELD', 'HIDDEN'] },
};

/** Approves, hides, unhides or deletes a comment; refused when it is not in a state that allows it (any more). */
export async function moderateComment(viewer: Viewer | null, commentId: string, action: ModerationAction): Promise<Result<{ target: CommentTarget }, 'moderatorsOnly' | 'commentChanged'>> {
  if (!canModerate(viewer)) return refuse(403, 'moderatorsOnly');
  const { to, from } = TRANSITIONS[action];
  const target = await setStatus(commentId, to, { from });
  if (!target) return refuse(409, 'commentChanged');
  // Dealt with: its reports are closed.
  if (action !== 'approve') await db.commentReport.deleteMany({ where: { commentId } });
  return { ok: true, target };
}

/** Bans (ending their sessions) or unbans a member. Editors and admins cannot be banned from here, nor yourself. */
export async function setBanned(viewer: Viewer | null, userId: string, banned: boolean): Promise<Result<object, 'moderatorsOnly' | 'notBannable'>> {
  if (!viewer || !canModerate(viewer)) return refuse(403, 'moderatorsOnly');
  if (userId === viewer.id) return refuse(403, 'notBannable');
  const { count } = await db.user.updateMany({
    where: { id: userId, role: { notIn: ['ADMIN', 'EDITOR'] } },
    // A ban also ends the member's sessions (a new session version): whatever a session
    // started before the ban is over, and they sign in again as a banned member.
    data: banned ? { bannedAt: new Date(), sessionVersion: { increment: 1 } } : { bannedAt: null },
  });
  return count === 1 ? { ok: true } : refuse(403, 'notBannable');
}
