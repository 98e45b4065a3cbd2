import 'server-only';
import { db } from '@/lib/db';
import { postUrl } from '@/lib/site-url';
import type { Prisma } from '@/lib/generated/prisma/client';

// What "Download my data" on /profile puts in the file (app/(site)/profile/data/route.ts):
// the reader's account, without password hash or provider tokens, and everything they
// wrote or did, read a page at a time (keyset on (created_at, id), each from a user_id
// index) so a reader with 20,000 comments is streamed, never held in memory whole.

export type MyAccount = {
  name: string | null;
  email: string | null;
  image: string | null;
  role: string;
  createdAt: string;
  emailConfirmedAt: string | null;
  banned: boolean;
  replyEmails: boolean;
  /** The sign-in providers linked (names only: never a token). */
  providers: string[];
  hasPassword: boolean;
};

export async function getMyAccount(userId: string): Promise<MyAccount | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      name: true,
      email: true,
      image: true,
      role: true,
      createdAt: true,
      emailVerified: true,
      bannedAt: true,
      notifyReplies: true,
      passwordHash: true,
      accounts: { select: { provider: true }, orderBy: { provider: 'asc' } },
    },
  });
  if (!user) return null;
  return {
    name: user.name,
    email: user.email,
    image: user.image,
    role: user.role,
    createdAt: user.createdAt.toISOString(),
    emailConfirmedAt: user.emailVerified?.toISOString() ?? null,
    banned: user.bannedAt !== null,
    replyEmails: user.notifyReplies,
    providers: user.accounts.map((a) => a.provider),
    hasPassword: user.passwordHash !== null,
  };
}

const PAGE = 500;
type Cursor = { createdAt: Date; id: string };
/** Rows after the cursor, newest first: (created_at, id) descending. */
const after = (c: Cursor | null) => (c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }] } : {});

const postRef = (p: { title: string; slug: string }) => ({ title: p.title, url: postUrl(p.slug) });

export type MyComment = {
  id: string;
  post: { title: string; url: string };
  url: string;
  parentId: string | null;
  body: string;
  status: string;
  likeCount: number;
  createdAt: string;
  editedAt: string | null;
};

const commentSelect = {
  id: true,
  parentId: true,
  body: true,
  status: true,
  likeCount: true,
  createdAt: true,
  editedAt: true,
  post: { select: { title: true, slug: true } },
} as const;

type CommentRow = Prisma.CommentGetPayload<{ select: typeof commentSelect }>;

function readComments(userId: string, cursor: Cursor | null): Promise<CommentRow[]> {
  return db.comment.findMany({ where: { authorId: userId, ...after(cursor) }, select: commentSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: PAGE });
}

function toMyComment(r: CommentRow): MyComment {
  const post = postRef(r.post);
  return {
    id: r.id,
    post,
    url: `${post.url}#comment-${r.id}`,
    parentId: r.parentId,
    body: r.body,
    status: r.status,
    likeCount: r.likeCount,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
  };
}

/** The reader's comments, newest first, a page at a time (deleted ones too: their text is already gone). */
export async function* myComments(userId: string): AsyncGenerator<MyComment[]> {
  let cursor: Cursor | null = null;
  for (;;) {
    const rows: CommentRow[] = await readComments(userId, cursor);
    if (rows.length === 0) return;
    yield rows.map(toMyComment);
    const last: CommentRow | undefined = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    cursor = { createdAt: last.createdAt, id: last.id };
  }
}

export type MyReaction = { commentId?: string; post: { title: string; url: string }; reason?: string; createdAt: string };

type ReactionRow = { createdAt: Date; key: string; commentId?: string; reason?: string; post: { title: string; slug: string } };

/** Pages of one kind of reaction, newest first; `key` is the row's second key column (the cursor's tie-break). */
async function* reactions(read: (cursor: { createdAt: Date; key: string } | null) => Promise<ReactionRow[]>): AsyncGenerator<MyReaction[]> {
  let cursor: { createdAt: Date; key: string } | null = null;
  for (;;) {
    const rows = await read(cursor);
    if (rows.length === 0) return;
    yield rows.map((r) => ({
      ...(r.commentId ? { commentId: r.commentId } : {}),
      post: postRef(r.post),
      ...(r.reason !== undefined ? { reason: r.reason } : {}),
      createdAt: r.createdAt.toISOString(),
    }));
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    cursor = { createdAt: last.createdAt, key: last.key };
  }
}

const byTime = (c: { createdAt: Date; key: string } | null, key: 'commentId' | 'postId') =>
  c ? { OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, [key]: { lt: c.key } }] } : {};

/** Comments the reader liked. */
export function myCommentLikes(userId: string): AsyncGenerator<MyReaction[]> {
  return reactions(async (c) =>
    (
      await db.commentLike.findMany({
        where: { userId, ...byTime(c, 'commentId') },
        select: { commentId: true, createdAt: true, comment: { select: { post: { select: { title: true, slug: true } } } } },
        orderBy: [{ createdAt: 'desc' }, { commentId: 'desc' }],
        take: PAGE,
      })
    ).map((r) => ({ createdAt: r.createdAt, key: r.commentId, commentId: r.commentId, post: r.comment.post })),
  );
}

/** Comments the reader reported, with the reason they gave. */
export function myReports(userId: string): AsyncGenerator<MyReaction[]> {
  return reactions(async (c) =>
    (
      await db.commentReport.findMany({
        where: { userId, ...byTime(c, 'commentId') },
        select: { commentId: true, reason: true, createdAt: true, comment: { select: { post: { select: { title: true, slug: true } } } } },
        orderBy: [{ createdAt: 'desc' }, { commentId: 'desc' }],
        take: PAGE,
      })
    ).map((r) => ({ createdAt: r.createdAt, key: r.commentId, commentId: r.commentId, reason: r.reason, post: r.comment.post })),
  );
}

/** Posts the reader liked. */
export function myPostLikes(userId: string): AsyncGenerator<MyReaction[]> {
  return reactions(async (c) =>
    (
      await db.postLike.findMany({
        where: { userId, ...byTime(c, 'postId') },
        select: { postId: true, createdAt: true, post: { select: { title: true, slug: true } } },
        orderBy: [{ createdAt: 'desc' }, { postId: 'desc' }],
        take: PAGE,
      })
    ).map((r) => ({ createdAt: r.createdAt, key: r.postId, post: r.post })),
  );
}
