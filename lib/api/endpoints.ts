import 'server-only';
import { getPostBody, getThreadPage } from '@/lib/dal/api';
import { getPostCounters, getPostPage, getPublishedPost } from '@/lib/dal/posts';
import { getRelatedPosts } from '@/lib/dal/related';
import { getSiteSettings } from '@/lib/dal/settings';
import { getCategories, getCategory, getTag, getTags } from '@/lib/dal/taxonomy';
import { postPath, siteUrl } from '@/lib/site-url';
import { apiCommentsQuerySchema, apiNoQuerySchema, apiPostsQuerySchema, apiSlugSchema, parseQuery } from '@/lib/validations/api';
import { badRequest, notFound } from './http';
import { openApiDocument } from './openapi';
import { apiPath } from './paths';
import type { ApiCommentList, ApiPost, ApiPostList, ApiSite, ApiTermList } from './schemas';
import { apiSite, apiTerm, fullPost, nextPage, postSummary } from './shape';

// Each endpoint of /api/v1: validate the address, read through the cached data layer
// (the same reads as the pages, so a cache hit does no database work), shape the answer.

function query<T>(schema: Parameters<typeof parseQuery<T>>[0], url: URL): T {
  const parsed = parseQuery(schema, url.searchParams);
  if (!parsed.ok) throw badRequest(parsed.message);
  return parsed.value;
}

function slugOf(raw: string): string {
  const slug = apiSlugSchema.safeParse(raw);
  if (!slug.success) throw notFound('No such post.');
  return slug.data;
}

export async function readPosts(url: URL): Promise<ApiPostList> {
  const q = query(apiPostsQuerySchema, url);
  // An unknown category or tag is a mistake in the request, not an empty list.
  if (q.category && !(await getCategory(q.category))) throw badRequest(`category: no category "${q.category}"`);
  if (q.tag && !(await getTag(q.tag))) throw badRequest(`tag: no tag "${q.tag}"`);
  const page = await getPostPage({ categorySlug: q.category, tagSlug: q.tag }, q.cursor ?? null, 'forward', q.limit);
  const params = { limit: String(q.limit), category: q.category, tag: q.tag };
  return { data: page.cards.map((c) => postSummary(c, siteUrl)), ...nextPage(page.next, apiPath.posts, params, siteUrl) };
}

export async function readPost(url: URL, rawSlug: string): Promise<ApiPost> {
  query(apiNoQuerySchema, url);
  const slug = slugOf(rawSlug);
  const [post, body] = await Promise.all([getPublishedPost(slug), getPostBody(slug)]);
  if (!post || !body) throw notFound('No such post.');
  const [counters, related] = await Promise.all([getPostCounters(post.id), getRelatedPosts(post.id)]);
  return fullPost(post, body, counters, related, siteUrl);
}

export async function readComments(url: URL, rawSlug: string): Promise<ApiCommentList> {
  const q = query(apiCommentsQuerySchema, url);
  const slug = slugOf(rawSlug);
  const post = await getPublishedPost(slug);
  if (!post) throw notFound('No such post.');
  const page = await getThreadPage({ id: post.id, slug }, q.order, q.cursor ?? null, q.limit);
  const params = { limit: String(q.limit), order: q.order };
  return {
    post: { slug, url: siteUrl(postPath(slug)) },
    data: page.threads,
    ...nextPage(page.next, apiPath.comments(slug), params, siteUrl),
  };
}

export async function readCategories(url: URL): Promise<ApiTermList> {
  query(apiNoQuerySchema, url);
  return { data: (await getCategories()).map((t) => apiTerm('category', t, siteUrl)) };
}

export async function readTags(url: URL): Promise<ApiTermList> {
  query(apiNoQuerySchema, url);
  return { data: (await getTags()).map((t) => apiTerm('tag', t, siteUrl)) };
}

export async function readSite(url: URL): Promise<ApiSite> {
  query(apiNoQuerySchema, url);
  return apiSite(await getSiteSettings(), siteUrl);
}

let openApi: { base: string; doc: unknown } | undefined;

export async function readOpenApi(url: URL): Promise<unknown> {
  query(apiNoQuerySchema, url);
  // Built once per process: it depends on SITE_URL alone.
  const base = siteUrl('/');
  if (openApi?.base !== base) openApi = { base, doc: openApiDocument(base) };
  return openApi.doc;
}
