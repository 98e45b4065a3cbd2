import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import type { ApiCommentOrder, Cursor } from '@/lib/validations/api';
import { readPostSource, readThreadPage, type ThreadPage } from './api-queries';

// The read API's cached reads, tagged as the pages that show the same things: an edit of
// the post (TAGS.post) or a new or moderated comment (TAGS.comments) shows at once, and a
// cache hit does no database work. Lists, posts, categories, tags and settings come from
// the pages' own cached reads (lib/dal/posts.ts, taxonomy.ts, settings.ts).

/** The markdown a published post was written in; null when readers cannot see it. */
export async function getPostSource(slug: string): Promise<{ id: string; markdown: string } | null> {
  'use cache';
  cacheTag(TAGS.post(slug));
  const source = await readPostSource(slug);
  if (source) cacheLife('content');
  else cacheLife('missing');
  return source;
}

/** One keyset page of a post's public threads (lib/dal/api-queries.ts readThreadPage). */
export async function getThreadPage(postId: string, order: ApiCommentOrder, cursor: Cursor | null, limit: number): Promise<ThreadPage> {
  'use cache';
  cacheTag(TAGS.comments(postId));
  cacheLife('content');
  return readThreadPage(postId, order, cursor, limit);
}
