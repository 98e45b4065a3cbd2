import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { isLive } from '@/lib/live-posts.mjs';

// Old addresses of renamed posts (post_redirects, written by lib/dal/admin-posts.ts when a
// slug changes): /post/<old> answers 301 to the current address while the post is live.

/** The current address of a published post that used to live at `slug` (a renamed post), or null. */
export async function getRedirectTarget(slug: string): Promise<string | null> {
  'use cache';
  cacheTag(TAGS.post(slug));
  const redirect = await db.postRedirect.findUnique({ where: { fromSlug: slug }, select: { post: { select: { slug: true, status: true, publishedAt: true, deletedAt: true } } } });
  const post = redirect?.post;
  if (!post || !isLive(post)) {
    cacheLife('missing');
    return null;
  }
  cacheLife('content');
  return post.slug;
}
