import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { slugFromTitle } from '@/lib/slug';

// Post addresses (slugs) and tags as the posts DAL allocates them inside its transactions.

export { slugFromTitle };

/**
 * Takes the lock on post addresses until the transaction ends: a check that an address is
 * free and the write that takes it must not interleave with another's (two drafts created
 * at once would both get "untitled"), or the unique index answers a 500.
 */
async function lockSlugs(tx: Prisma.TransactionClient): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('quire:post-slugs')::bigint)`;
}

/** `wanted`, or the first of `wanted-2`, `wanted-3`… that no other post uses or redirects from (one query). */
export async function freeSlug(tx: Prisma.TransactionClient, wanted: string, postId: string | null): Promise<string> {
  await lockSlugs(tx);
  const prefix = `${wanted.slice(0, 110)}-`;
  const like = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM posts WHERE (slug = ${wanted} OR slug LIKE ${like}) AND id IS DISTINCT FROM ${postId}
    UNION
    SELECT from_slug FROM post_redirects WHERE (from_slug = ${wanted} OR from_slug LIKE ${like}) AND post_id IS DISTINCT FROM ${postId}`;
  const taken = new Set(rows.map((r) => r.slug));
  for (let n = 1; ; n += 1) {
    const candidate = n === 1 ? wanted : `${prefix}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export async function slugTaken(tx: Prisma.TransactionClient, slug: string, postId: string | null): Promise<boolean> {
  await lockSlugs(tx);
  const [post, redirect] = await Promise.all([
    tx.post.findFirst({ where: { slug, ...(postId ? { id: { not: postId } } : {}) }, select: { id: true } }),
    tx.postRedirect.findFirst({ where: { fromSlug: slug, ...(postId ? { postId: { not: postId } } : {}) }, select: { postId: true } }),
  ]);
  return !!post || !!redirect;
}

/** The ids of the tags named `names`, created on the fly (by slug) when new. */
export async function upsertTags(tx: Prisma.TransactionClient, names: string[]): Promise<string[]> {
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugFromTitle(name).slice(0, 60);
    if (!bySlug.has(slug)) bySlug.set(slug, name.trim());
  }
  const ids: string[] = [];
  for (const [slug, name] of bySlug) {
    const tag = await tx.tag.upsert({ where: { slug }, create: { slug, name }, update: {}, select: { id: true } });
    ids.push(tag.id);
  }
  return ids;
}
