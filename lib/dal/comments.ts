import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { COMMENT_SORT_VALUES as COMMENT_SORTS } from '@/lib/validations/comment-sorts';

export { COMMENT_SORTS };

// Reading comment threads. The public thread (what every reader sees) is cached per
// post, sort and page; what differs per reader (their own held comments, their likes
// and reports) is a small uncached overlay read only on the signed-in variant.

export type CommentSort = (typeof COMMENT_SORTS)[number];

export type ThreadComment = {
  id: string;
  parentId: string | null;
  depth: number;
  /** Sanitized HTML; empty for a removed comment. */
  html: string;
  /** Markdown source, for the author's edit form (empty for a removed comment). */
  source: string;
  createdAt: string;
  editedAt: string | null;
  authorId: string | null;
  authorName: string;
  authorImage: string | null;
  likeCount: number;
  /** REMOVED = deleted by its author or hidden by a moderator, kept as a placeholder for its replies. */
  state: 'VISIBLE' | 'HELD' | 'REMOVED';
  replies: ThreadComment[];
};

export type CommentPage = { threads: ThreadComment[]; page: number; pageCount: number; threadCount: number };

const ORDER: Record<CommentSort, Prisma.Sql> = {
  newest: Prisma.sql`c.created_at DESC, c.id DESC`,
  oldest: Prisma.sql`c.created_at ASC, c.id ASC`,
  top: Prisma.sql`c.like_count DESC, c.created_at DESC, c.id DESC`,
};

// A top-level comment is shown if visible, or removed but with a visible reply. Top-level
// is `depth = 0` (the writes give depth 0 to exactly the comments without a parent): an
// equality, so the (post_id, depth, <sort>, status) indexes give the threads in order and
// the count and the page are read from the index alone.
export const SHOWN_THREAD = Prisma.sql`(c.status = 'VISIBLE' OR (c.status IN ('DELETED', 'HIDDEN') AND EXISTS (
  SELECT 1 FROM comments r WHERE r.root_id = c.id AND r.status = 'VISIBLE')))`;

const commentSelect = {
  id: true,
  parentId: true,
  rootId: true,
  depth: true,
  body: true,
  bodyHtml: true,
  status: true,
  createdAt: true,
  editedAt: true,
  likeCount: true,
  author: { select: { id: true, name: true, image: true } },
} as const;

type Row = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function toComment(row: Row): ThreadComment {
  const removed = row.status === 'DELETED' || row.status === 'HIDDEN';
  return {
    id: row.id,
    parentId: row.parentId,
    depth: row.depth,
    html: removed ? '' : row.bodyHtml,
    source: removed ? '' : row.body,
    createdAt: row.createdAt.toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    authorId: removed ? null : row.author.id,
    authorName: removed ? '' : (row.author.name ?? 'Reader'),
    authorImage: removed ? null : row.author.image,
    likeCount: row.likeCount,
    state: removed ? 'REMOVED' : row.status === 'HELD' ? 'HELD' : 'VISIBLE',
    replies: [],
  };
}

/** Builds threads from top-level rows and their replies; removed leaves are dropped. */
export function buildThreads(top: ThreadComment[], replies: ThreadComment[]): ThreadComment[] {
  const byId = new Map<string, ThreadComment>();
  for (const c of [...top, ...replies]) byId.set(c.id, c);
  for (const r of replies) byId.get(r.parentId ?? '')?.replies.push(r);
  const prune = (list: ThreadComment[]): ThreadComment[] =>
    list
      .map((c) => ({ ...c, replies: prune(c.replies) }))
      .filter((c) => c.state !== 'REMOVED' || c.replies.length > 0);
  return prune(top);
}

/** One page of a post's public threads, replies oldest first under each. */
export async function getCommentPage(postId: string, sort: CommentSort, page: number, perPage: number): Promise<CommentPage> {
  'use cache';
  cacheTag(TAGS.comments(postId));
  cacheLife('content');
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`
    SELECT count(*)::int AS n FROM comments c WHERE c.post_id = ${postId} AND c.depth = 0 AND ${SHOWN_THREAD}`;
  const pageCount = Math.max(1, Math.ceil(n / perPage));
  const current = Math.min(Math.max(1, page), pageCount);
  const ids = await db.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM comments c WHERE c.post_id = ${postId} AND c.depth = 0 AND ${SHOWN_THREAD}
     ORDER BY ${ORDER[sort]} LIMIT ${perPage} OFFSET ${(current - 1) * perPage}`;
  return { threads: await threadsOf(ids.map((r) => r.id)), page: current, pageCount, threadCount: n };
}

/**
 * The statement behind threadsOf (the plan test EXPLAINs it): the threads' top comments and
 * their shown replies, oldest first, each with its author. One statement, where Prisma's
 * findMany with the author relation took four (comments, then their users, for the tops and
 * again for the replies): on the 20,000-comment post's pages that was three more round trips
 * and ~200 rows mapped twice per page.
 */
export function threadsSql(topIds: string[]): Prisma.Sql {
  return Prisma.sql`
    SELECT c.id, c.parent_id, c.depth, c.body, c.body_html, c.status::text AS status, c.created_at, c.edited_at, c.like_count,
           u.id AS author_id, u.name AS author_name, u.image AS author_image
      FROM comments c
     -- Each author by primary key (LIMIT keeps the planner from hashing or merging the whole users table).
     CROSS JOIN LATERAL (SELECT u.id, u.name, u.image FROM users u WHERE u.id = c.author_id LIMIT 1) u
     WHERE c.id = ANY(${topIds}::text[])
        OR (c.root_id = ANY(${topIds}::text[]) AND c.status IN ('VISIBLE', 'DELETED', 'HIDDEN'))
     ORDER BY c.created_at, c.id`;
}

type ThreadRow = {
  id: string;
  parent_id: string | null;
  depth: number;
  body: string;
  body_html: string;
  status: Row['status'];
  created_at: Date;
  edited_at: Date | null;
  like_count: number;
  author_id: string;
  author_name: string | null;
  author_image: string | null;
};

/** The threads started by `topIds`, in that order, with their shown replies (removed leaves dropped). */
export async function threadsOf(topIds: string[]): Promise<ThreadComment[]> {
  if (topIds.length === 0) return [];
  const rows = await db.$queryRaw<ThreadRow[]>(threadsSql(topIds));
  const order = new Map(topIds.map((id, i) => [id, i]));
  const top: ThreadComment[] = [];
  const replies: ThreadComment[] = [];
  for (const r of rows) {
    const comment = toComment({
      id: r.id,
      parentId: r.parent_id,
      rootId: null,
      depth: r.depth,
      body: r.body,
      bodyHtml: r.body_html,
      status: r.status,
      createdAt: r.created_at,
      editedAt: r.edited_at,
      likeCount: r.like_count,
      author: { id: r.author_id, name: r.author_name, image: r.author_image },
    });
    (order.has(r.id) ? top : replies).push(comment);
  }
  top.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return buildThreads(top, replies);
}

export type ViewerCommentState = { held: ThreadComment[]; liked: string[]; reported: string[]; editable: string[] };

/** What one signed-in reader sees beyond the public thread: their held comments, likes, reports, and which of their comments they may still edit. */
export async function getViewerCommentState(postId: string, viewerId: string, editWindowMs: number): Promise<ViewerCommentState> {
  const editableSince = new Date(Date.now() - editWindowMs);
  const [held, liked, reported, editable] = await Promise.all([
    db.comment.findMany({
      where: { postId, authorId: viewerId, status: 'HELD' },
      select: commentSelect,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: 50,
    }),
    db.commentLike.findMany({ where: { userId: viewerId, comment: { postId } }, select: { commentId: true } }),
    db.commentReport.findMany({ where: { userId: viewerId, comment: { postId } }, select: { commentId: true } }),
    db.comment.findMany({
      where: { postId, authorId: viewerId, status: { in: ['VISIBLE', 'HELD'] }, createdAt: { gt: editableSince } },
      select: { id: true },
    }),
  ]);
  return {
    held: held.map(toComment),
    liked: liked.map((l) => l.commentId),
    reported: reported.map((r) => r.commentId),
    editable: editable.map((e) => e.id),
  };
}

/** Puts a reader's held comments where they belong: replies under their parent, new threads first. */
export function withHeldComments(threads: ThreadComment[], held: ThreadComment[], firstPage: boolean): ThreadComment[] {
  if (held.length === 0) return threads;
  const clone = (list: ThreadComment[]): ThreadComment[] => list.map((c) => ({ ...c, replies: clone(c.replies) }));
  const result = clone(threads);
  const byId = new Map<string, ThreadComment>();
  const index = (list: ThreadComment[]) => list.forEach((c) => (byId.set(c.id, c), index(c.replies)));
  index(result);
  const newThreads: ThreadComment[] = [];
  for (const h of held) {
    const copy = { ...h, replies: [] };
    if (h.parentId === null) {
      if (firstPage) newThreads.push(copy);
    } else {
      byId.get(h.parentId)?.replies.push(copy);
    }
    byId.set(copy.id, copy);
  }
  return [...newThreads.reverse(), ...result];
}

export type OwnComment = { id: string; postSlug: string; postTitle: string; excerpt: string; createdAt: string; status: string };

/** A reader's own comments, newest first, for their profile. */
export async function getCommentsByAuthor(authorId: string, take = 50): Promise<OwnComment[]> {
  const rows = await db.comment.findMany({
    where: { authorId, status: { in: ['VISIBLE', 'HELD', 'HIDDEN'] } },
    select: { id: true, body: true, createdAt: true, status: true, post: { select: { slug: true, title: true } } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return rows.map((r) => ({
    id: r.id,
    postSlug: r.post.slug,
    postTitle: r.post.title,
    excerpt: r.body.length > 200 ? `${r.body.slice(0, 199)}…` : r.body,
    createdAt: r.createdAt.toISOString(),
    status: r.status,
  }));
}
