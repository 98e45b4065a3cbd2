import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';

export type Term = { slug: string; name: string; description: string };

export async function getCategory(slug: string): Promise<Term | null> {
  'use cache';
  cacheTag(TAGS.taxonomy, TAGS.category(slug));
  cacheLife('content');
  return db.category.findUnique({ where: { slug }, select: { slug: true, name: true, description: true } });
}

export async function getTag(slug: string): Promise<Term | null> {
  'use cache';
  cacheTag(TAGS.taxonomy, TAGS.tag(slug));
  cacheLife('content');
  const tag = await db.tag.findUnique({ where: { slug }, select: { slug: true, name: true } });
  return tag ? { ...tag, description: '' } : null;
}

/** Categories that have at least one post, for the blog navigation. */
export async function getCategories(): Promise<Term[]> {
  'use cache';
  cacheTag(TAGS.taxonomy, TAGS.posts);
  cacheLife('content');
  return db.category.findMany({
    where: { posts: { some: {} } },
    select: { slug: true, name: true, description: true },
    orderBy: { name: 'asc' },
  });
}

/** Tags that have at least one post. */
export async function getTags(): Promise<Term[]> {
  'use cache';
  cacheTag(TAGS.taxonomy, TAGS.posts);
  cacheLife('content');
  const tags = await db.tag.findMany({ where: { posts: { some: {} } }, select: { slug: true, name: true }, orderBy: { name: 'asc' } });
  return tags.map((t) => ({ ...t, description: '' }));
}

/**
 * The current address of a category or tag that used to live at `slug` (renamed, or a tag
 * merged into another), or null. Tagged with the old page's tag: a rename invalidates it.
 */
export async function getTermRedirect(kind: 'category' | 'tag', slug: string): Promise<string | null> {
  'use cache';
  cacheTag(TAGS.taxonomy, kind === 'category' ? TAGS.category(slug) : TAGS.tag(slug));
  cacheLife('content');
  const row = await db.taxonomyRedirect.findUnique({
    where: { kind_fromSlug: { kind, fromSlug: slug } },
    select: { category: { select: { slug: true } }, tag: { select: { slug: true } } },
  });
  return (kind === 'category' ? row?.category?.slug : row?.tag?.slug) ?? null;
}
