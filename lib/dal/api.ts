import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { apiComment } from '@/lib/api/shape';
import type { ApiComment } from '@/lib/api/schemas';
import { TAGS } from '@/lib/cache-tags';
import { postPath, siteUrl } from '@/lib/site-url';
import type { ApiCommentOrder, Cursor } from '@/lib/validations/api';
import { readPostBody, readThreadPage, type PostBody } from './api-queries';

// The read API's cached reads, tagged as the pages that show the same things: an edit of
// the post (TAGS.post) or a new or moderated comment (TAGS.comments) shows at once. What
// costs work per answer (markdown rendered, addresses made absolute) is done here, once
// per change, so a cache hit does no database and no HTML work. Lists, posts, categories,
// tags and settings come from the pages' own cached reads (posts.ts, taxonomy.ts, settings.ts).

/** A published post's markdown and absolute-address HTML; null when readers cannot see it. */
export async function getPostBody(slug: string): Promise<PostBody | null> {
  'use cache';
  cacheTag(TAGS.post(slug));
  const body = await readPostBody(slug, siteUrl(postPath(slug)));
  if (body) cacheLife('content');
  else cacheLife('missing');
  return body;
}

export type ApiThreadPage = { threads: ApiComment[]; next: Cursor | null };

/** One keyset page of a post's public threads (api-queries.ts readThreadPage), as the API answers them. */
export async function getThreadPage(post: { id: string; slug: string }, order: ApiCommentOrder, cursor: Cursor | null, limit: number): Promise<ApiThreadPage> {
  'use cache';
  cacheTag(TAGS.comments(post.id));
  cacheLife('content');
  const page = await readThreadPage(post.id, order, cursor, limit);
  const pageUrl = siteUrl(postPath(post.slug));
  return { threads: page.threads.map((t) => apiComment(t, pageUrl)).filter((t) => t !== null), next: page.next };
}
