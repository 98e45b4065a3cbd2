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
