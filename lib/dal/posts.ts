import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { getImageSizes } from '@/lib/dal/media';
import { renderMarkdown } from '@/lib/markdown';
import { wordCount } from '@/lib/reading-time';
import { uploadUrlsIn, type ImageSize } from '@/lib/media/responsive';
import type { Cursor } from '@/lib/validations/listing';
import { liveWhere } from '@/lib/live-posts.mjs';

// Public reads of published posts. Every function is cached: a cache hit does no
// database work. Lists carry the counters, so they use the short `counters` profile.

export type PostCard = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  coverImage: string | null;
  coverAlt: string | null;
  publishedAt: string;
  readingMinutes: number;
  authorName: string;
  authorImage: string | null;
  viewCount: number;
  commentCount: number;
  likeCount: number;
};

export type PostPage = {
  cards: PostCard[];
  /** Cursor of the last card when there are older posts. */
  next: Cursor | null;
  /** Cursor of the first card when there are newer posts. */
  prev: Cursor | null;
};

export const cardSelect = {
  id: true,
  slug: true,
  title: true,
  excerpt: true,
  coverImage: true,
  coverAlt: true,
  publishedAt: true,
  readingMinutes: true,
  viewCount: true,
  commentCount: true,
  likeCount: true,
  author: { select: { name: true, image: true } },
} satisfies Prisma.PostSelect;

type CardRow = Prisma.PostGetPayload<{ select: typeof cardSelect }>;

export function toCard(row: CardRow): PostCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    coverImage: row.coverImage,
    coverAlt: row.coverAlt,
    publishedAt: (row.publishedAt ?? new Date(0)).toISOString(),
    readingMinutes: row.readingMinutes,
    authorName: row.author.name ?? 'Anonymous',
    authorImage: row.author.image,
    viewCount: row.viewCount,
    commentCount: row.commentCount,
    likeCount: row.likeCount,
  };
}

export type ListFilter = { categorySlug?: string; tagSlug?: string };

/**
 * One page of posts, newest first, by keyset on (publishedAt, id): page 500 costs what page 1 costs.
 * `direction: 'back'` reads the page before `cursor`.
 */
export async function getPostPage(
  filter: ListFilter,
  cursor: Cursor | null,
  direction: 'forward' | 'back',
  pageSize: number,
): Promise<PostPage> {
  'use cache';
  cacheTag(TAGS.posts);
  if (filter.categorySlug) cacheTag(TAGS.category(filter.categorySlug));
  if (filter.tagSlug) cacheTag(TAGS.tag(filter.tagSlug));
  cacheLife('counters');

  const where: Prisma.PostWhereInput = { ...liveWhere() };
  if (filter.categorySlug) where.categories = { some: { category: { slug: filter.categorySlug } } };
  if (filter.tagSlug) where.tags = { some: { tag: { slug: filter.tagSlug } } };
  const back = direction === 'back' && cursor !== null;
  if (cursor) {
    // The plain range on publishedAt lets the (published_at, id) index start at the
    // cursor; the OR then breaks ties on id. Without it the scan starts at page 1.
    const at = new Date(cursor.publishedAt);
    where.AND = back
      ? [{ publishedAt: { gte: at } }, { OR: [{ publishedAt: { gt: at } }, { publishedAt: at, id: { gt: cursor.id } }] }]
      : [{ publishedAt: { lte: at } }, { OR: [{ publishedAt: { lt: at } }, { publishedAt: at, id: { lt: cursor.id } }] }];
  }
  const order = back ? 'asc' : 'desc';
  const rows = await db.post.findMany({
    where,
    select: cardSelect,
    orderBy: [{ publishedAt: order }, { id: order }],
    take: pageSize + 1,
  });
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (back) page.reverse();
  const cards = page.map(toCard);
  const first = cards[0];
  const last = cards[cards.length - 1];
  const toCursor = (c: PostCard): Cursor => ({ publishedAt: c.publishedAt, id: c.id });
  return {
    cards,
    next: last && (back ? true : hasMore) ? toCursor(last) : null,
    prev: first && (back ? hasMore : cursor !== null) ? toCursor(first) : null,
  };
}

/** The newest posts other than `exceptSlug` (the "Recent Posts" row). */
export async function getRecentPosts(exceptSlug: string | null, count: number): Promise<PostCard[]> {
  'use cache';
  cacheTag(TAGS.posts);
  cacheLife('counters');
  const rows = await db.post.findMany({
    where: { ...liveWhere(), ...(exceptSlug ? { slug: { not: exceptSlug } } : {}) },
    select: cardSelect,
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: count,
  });
  return rows.map(toCard);
}

export type PostDetail = {
  id: string;
  slug: string;
  title: string;
  excerpt: string;
  html: string;
  coverImage: string | null;
  coverAlt: string | null;
  /** Known for uploads: the page serves the cover through next/image. */
  coverSize: ImageSize | null;
  publishedAt: string;
  updatedAt: string;
  readingMinutes: number;
  wordCount: number;
  seoTitle: string | null;
  seoDescription: string | null;
  author: { id: string; name: string; image: string | null; bio: string | null };
  categories: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
};

/** A published post with its body rendered to sanitized HTML, or null. */
export async function getPublishedPost(slug: string): Promise<PostDetail | null> {
  'use cache';
  cacheTag(TAGS.post(slug));
  const row = await db.post.findFirst({
    where: { slug, ...liveWhere() },
    select: {
      id: true,
      slug: true,
      title: true,
      excerpt: true,
      body: true,
      coverImage: true,
      coverAlt: true,
      publishedAt: true,
      updatedAt: true,
      readingMinutes: true,
      seoTitle: true,
      seoDescription: true,
      author: { select: { id: true, name: true, image: true, bio: true } },
      categories: { select: { category: { select: { slug: true, name: true } } } },
      tags: { select: { tag: { select: { slug: true, name: true } } } },
    },
  });
  // A short life for "no such post" (next.config.js: `missing`).
  if (!row) {
    cacheLife('missing');
    return null;
  }
  cacheLife('content');
  // One query for the cover and every image of the body; cached with the post.
  const imageSizes = await getImageSizes([row.coverImage, ...uploadUrlsIn(row.body)]);
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    excerpt: row.excerpt,
    html: await renderMarkdown(row.body, imageSizes),
    coverImage: row.coverImage,
    coverAlt: row.coverAlt,
    coverSize: (row.coverImage && imageSizes.get(row.coverImage)) || null,
    publishedAt: (row.publishedAt ?? row.updatedAt).toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    readingMinutes: row.readingMinutes,
    wordCount: wordCount(row.body),
    seoTitle: row.seoTitle,
    seoDescription: row.seoDescription,
    author: { id: row.author.id, name: row.author.name ?? 'Anonymous', image: row.author.image, bio: row.author.bio },
    categories: row.categories.map((c) => c.category),
    tags: row.tags.map((t) => t.tag),
  };
}

export type PostCounters = { viewCount: number; commentCount: number; likeCount: number };

/** Views, comments and likes of one post; allowed to lag a few seconds (the `counters` profile). */
export async function getPostCounters(postId: string): Promise<PostCounters> {
  'use cache';
  cacheTag(TAGS.counters(postId));
  cacheLife('counters');
  const row = await db.post.findUnique({ where: { id: postId }, select: { viewCount: true, commentCount: true, likeCount: true } });
  return { viewCount: row?.viewCount ?? 0, commentCount: row?.commentCount ?? 0, likeCount: row?.likeCount ?? 0 };
}

/** Slugs to prerender at build time: the newest posts. */
export async function getPrerenderSlugs(limit = 50): Promise<string[]> {
  const rows = await db.post.findMany({
    where: liveWhere(),
    select: { slug: true },
    orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((r) => r.slug);
}
