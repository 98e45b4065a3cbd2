import 'server-only';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import type { PostScope } from '@/lib/feeds/types';
import { liveWhere } from '@/lib/live-posts.mjs';

// The feeds' reads, uncached (lib/dal/feeds.ts caches what is written from them; the
// integration tests call these directly). Each reads at most `limit` entries by an index
// (posts by published_at, comments by status and created_at): a feed costs the same on a
// site of any size. Only what readers can see: published posts, visible comments on them.

export type FeedPostRow = {
  slug: string;
  title: string;
  excerpt: string;
  body: string;
  coverImage: string | null;
  coverAlt: string | null;
  publishedAt: Date;
  updatedAt: Date;
  author: { id: string; name: string };
  categories: string[];
  tags: string[];
};

/** Whose posts a feed is: the term or author named in its title. */
export type FeedOwner = { name: string; createdAt: Date };

const postSelect = {
  slug: true,
  title: true,
  excerpt: true,
  body: true,
  coverImage: true,
  coverAlt: true,
  publishedAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
  categories: { select: { category: { select: { name: true } } } },
  tags: { select: { tag: { select: { name: true } } } },
} satisfies Prisma.PostSelect;

function scopeWhere(scope: PostScope): Prisma.PostWhereInput {
  switch (scope.kind) {
    case 'site':
      return {};
    case 'category':
      return { categories: { some: { category: { slug: scope.slug } } } };
    case 'tag':
      return { tags: { some: { tag: { slug: scope.slug } } } };
    case 'author':
      return { authorId: scope.id };
  }
}

/**
 * The category, tag or author a feed belongs to, or null when there is none. An author is
 * anyone with a published post: nobody else's id gets a feed (or a 200 to probe with).
 */
export async function readFeedOwner(scope: PostScope): Promise<FeedOwner | null> {
  const select = { name: true, createdAt: true } as const;
  switch (scope.kind) {
    case 'site':
      return { name: '', createdAt: new Date(0) };
    case 'category':
      return db.category.findUnique({ where: { slug: scope.slug }, select });
    case 'tag':
      return db.tag.findUnique({ where: { slug: scope.slug }, select });
    case 'author': {
      const user = await db.user.findFirst({ where: { id: scope.id, posts: { some: liveWhere() } }, select });
      return user && { name: user.name ?? 'Anonymous', createdAt: user.createdAt };
    }
  }
}

/** The newest `limit` published posts of the scope, with their bodies. */
export async function readFeedPosts(scope: PostScope, limit: number): Promise<FeedPostRow[]> {
  const rows = await db.post.findMany({
    where: { ...liveWhere(), ...scopeWhere(scope) },
    select: postSelect,
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((r) => ({
    ...r,
    publishedAt: r.publishedAt ?? r.updatedAt,
    author: { id: r.author.id, name: r.author.name ?? 'Anonymous' },
    categories: r.categories.map((c) => c.category.name),
    tags: r.tags.map((t) => t.tag.name),
  }));
}

export type FeedPostRef = { id: string; slug: string; title: string; publishedAt: Date };

export type FeedCommentRow = {
  id: string;
  html: string;
  createdAt: Date;
  editedAt: Date | null;
  authorName: string;
  post: FeedPostRef;
};

/** A published post by slug, for its comment feed; null when readers cannot see it. */
export async function readFeedPost(slug: string): Promise<FeedPostRef | null> {
  const row = await db.post.findFirst({ where: { slug, ...liveWhere() }, select: { id: true, slug: true, title: true, publishedAt: true, updatedAt: true } });
  return row && { id: row.id, slug: row.slug, title: row.title, publishedAt: row.publishedAt ?? row.updatedAt };
}

/**
 * The newest `limit` visible comments, on one post (`postId`) or site-wide (null), on published posts only.
 * Held, hidden and deleted comments never appear (nor do replies' removed parents: each
 * entry is one comment on its own).
 */
export async function readFeedComments(postId: string | null, limit: number): Promise<FeedCommentRow[]> {
  const rows = await db.comment.findMany({
    where: { status: 'VISIBLE', ...(postId ? { postId } : {}), post: liveWhere() },
    select: {
      id: true,
      bodyHtml: true,
      createdAt: true,
      editedAt: true,
      author: { select: { name: true } },
      post: { select: { id: true, slug: true, title: true, publishedAt: true, updatedAt: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id,
    html: r.bodyHtml,
    createdAt: r.createdAt,
    editedAt: r.editedAt,
    authorName: r.author.name ?? 'Reader',
    post: { id: r.post.id, slug: r.post.slug, title: r.post.title, publishedAt: r.post.publishedAt ?? r.post.updatedAt },
  }));
}
