import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import type { PostKey, SitemapSource, TermKind } from '@/lib/sitemap/types';
import { readSitemapIndex, readSitemapPosts, readSitemapTerms } from './sitemap-queries';

// The sitemap's reads, cached. Publishing, unpublishing, editing and trashing a post
// invalidate `posts` and `taxonomy`; renaming a term invalidates `taxonomy`. Comments
// leave a post's updated_at (the lastmod) alone (lib/dal/comment-writes.ts). Each entry
// is a chunk of at most CHUNK rows (or one row per child for the index), so no cache
// entry grows with the site.

async function getSitemapIndex(pageSize: number) {
  'use cache';
  cacheTag(TAGS.posts, TAGS.taxonomy);
  cacheLife('content');
  return readSitemapIndex(pageSize);
}

async function getSitemapPosts(from: PostKey, inclusive: boolean, limit: number) {
  'use cache';
  cacheTag(TAGS.posts);
  cacheLife('content');
  return readSitemapPosts(from, inclusive, limit);
}

async function getSitemapTerms(kind: TermKind, from: string, inclusive: boolean, limit: number) {
  'use cache';
  cacheTag(TAGS.posts, TAGS.taxonomy);
  cacheLife('content');
  return readSitemapTerms(kind, from, inclusive, limit);
}

export const cachedSitemapSource: SitemapSource = { index: getSitemapIndex, posts: getSitemapPosts, terms: getSitemapTerms };
