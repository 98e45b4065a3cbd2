import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';

// Addresses imported posts had on their old platform (legacy_paths, written by `npm run
// import`): /2025/01/18/slug, /?p=123, a Ghost /slug. They answer 301 to the post while it
// is live. Only addresses no Quire route answers reach these reads (the catch-all page, and
// the proxy for `/?p=` and `/?page_id=`), so the home page and post pages never wait on them.

/** Paths as import stored them: no trailing slash; as sent and as percent-encoded, since routes may hand either. */
export function legacyCandidates(pathname: string, search = ''): string[] {
  const base = pathname.replace(/\/+$/, '') || '/';
  const variants = new Set([base]);
  try {
    variants.add(encodeURI(decodeURI(base)));
    variants.add(decodeURI(base));
  } catch {
    // Not valid percent-encoding: only as sent.
  }
  return [...variants].map((p) => `${p}${search}`);
}

/** The slug of the live post one of `paths` leads to, or null. Not cached (the proxy's `/?p=` reads it). */
export async function findLegacyTarget(paths: string[], now = new Date()): Promise<string | null> {
  const row = await db.legacyPath.findFirst({
    where: { path: { in: paths }, post: { status: { not: 'DRAFT' }, deletedAt: null, publishedAt: { lte: now } } },
    select: { post: { select: { slug: true } } },
  });
  return row?.post.slug ?? null;
}

/** The same for the catch-all page, cached: a crawler retrying an old address does no database work. */
export async function getLegacyTarget(paths: string[]): Promise<string | null> {
  'use cache';
  // Any post's publishing, unpublishing, renaming or trashing invalidates `posts`.
  cacheTag(TAGS.posts);
  const slug = await findLegacyTarget(paths);
  if (slug) cacheLife('content');
  else cacheLife('missing');
  return slug;
}
