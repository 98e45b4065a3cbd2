import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { querySearchPage, type SearchPage } from './search-query';

export { splitSnippet, type SearchHit, type SearchPage, type SnippetPart } from './search-query';

/** One page of search results (lib/dal/search-query.ts), cached until a post changes. */
export async function searchPosts(query: string, page = 1): Promise<SearchPage> {
  'use cache';
  cacheTag(TAGS.posts);
  cacheLife('content');
  return querySearchPage(query, page);
}
