import type { ThreadComment } from '@/lib/dal/comments';
import type { PostCard, PostCounters, PostDetail } from '@/lib/dal/posts';
import type { SiteSettings } from '@/lib/dal/settings';
import type { Term } from '@/lib/dal/taxonomy';
import { absoluteUrl, htmlWithAbsoluteUrls } from '@/lib/feeds/html';
import { feedPath } from '@/lib/feeds/urls';
import { encodeCursor, type Cursor } from '@/lib/validations/listing';
import type { ApiComment, ApiPost, ApiPostSummary, ApiSite, ApiTerm } from './schemas';
import { apiPath } from './paths';
import { postPath } from '@/lib/site-url';

// The API's objects from what the data layer returns: only fields a reader of the pages
// can see, every address absolute (a client shows them away from the site, as a feed
// reader does: lib/feeds/html.ts). `url` makes an absolute URL of a path (siteUrl).

export type ToUrl = (path: string) => string;

export function postSummary(card: PostCard, url: ToUrl): ApiPostSummary {
  const page = url(postPath(card.slug));
  return {
    slug: card.slug,
    title: card.title,
    excerpt: card.excerpt,
    url: page,
    api: url(apiPath.post(card.slug)),
    coverImage: card.coverImage ? absoluteUrl(card.coverImage, page) : null,
    coverAlt: card.coverImage ? card.coverAlt : null,
    publishedAt: card.publishedAt,
    readingMinutes: card.readingMinutes,
    author: { name: card.authorName, image: card.authorImage && absoluteUrl(card.authorImage, page) },
    viewCount: card.viewCount,
    commentCount: card.commentCount,
    likeCount: card.likeCount,
  };
}

/** The post; `body` is its markdown and its HTML with absolute addresses (lib/dal/api.ts getPostBody). */
export function fullPost(post: PostDetail, body: { markdown: string; html: string }, counters: PostCounters, related: PostCard[], url: ToUrl): ApiPost {
  const page = url(postPath(post.slug));
  return {
    slug: post.slug,
    title: post.title,
    excerpt: post.excerpt,
    url: page,
    coverImage: post.coverImage ? absoluteUrl(post.coverImage, page) : null,
    coverAlt: post.coverImage ? post.coverAlt : null,
    publishedAt: post.publishedAt,
    updatedAt: post.updatedAt,
    readingMinutes: post.readingMinutes,
    wordCount: post.wordCount,
    author: { name: post.author.name, image: post.author.image && absoluteUrl(post.author.image, page), bio: post.author.bio },
    categories: post.categories.map((c) => ({ slug: c.slug, name: c.name })),
    tags: post.tags.map((t) => ({ slug: t.slug, name: t.name })),
    html: body.html,
    markdown: body.markdown,
    viewCount: counters.viewCount,
    commentCount: counters.commentCount,
    likeCount: counters.likeCount,
    comments: url(apiPath.comments(post.slug)),
    related: related.map((card) => postSummary(card, url)),
  };
}

/**
 * A public thread comment. A removed one (deleted or hidden, kept for its visible replies)
 * keeps only its place: no text, no author. A held one never reaches here (the query
 * leaves it out), and is refused again in case a caller passes one.
 */
export function apiComment(comment: ThreadComment, page: string): ApiComment | null {
  if (comment.state === 'HELD') return null;
  const removed = comment.state === 'REMOVED';
  return {
    id: comment.id,
    parentId: comment.parentId,
    depth: comment.depth,
    state: removed ? 'removed' : 'visible',
    html: removed ? null : htmlWithAbsoluteUrls(comment.html, page),
    author: removed ? null : { name: comment.authorName, image: comment.authorImage && absoluteUrl(comment.authorImage, page) },
    createdAt: comment.createdAt,
    editedAt: removed ? null : comment.editedAt,
    likeCount: removed ? 0 : comment.likeCount,
    replies: comment.replies.map((r) => apiComment(r, page)).filter((r) => r !== null),
  };
}

export function apiTerm(kind: 'category' | 'tag', term: Term, url: ToUrl): ApiTerm {
  const section = kind === 'category' ? 'categories' : 'tags';
  const query = new URLSearchParams({ [kind]: term.slug });
  return {
    slug: term.slug,
    name: term.name,
    description: term.description,
    url: url(`/blog/${section}/${encodeURIComponent(term.slug)}`),
    posts: `${url(apiPath.posts)}?${query}`,
  };
}

export function apiSite(settings: SiteSettings, url: ToUrl): ApiSite {
  return {
    name: settings.siteName,
    description: settings.siteDescription,
    language: settings.language,
    url: url('/'),
    feeds: { rss: url(feedPath({ kind: 'site' }, 'rss')), atom: url(feedPath({ kind: 'site' }, 'atom')), json: url(feedPath({ kind: 'site' }, 'json')) },
    api: { posts: url(apiPath.posts), categories: url(apiPath.categories), tags: url(apiPath.tags), openapi: url(apiPath.openapi) },
  };
}

/** The next page's cursor and full address: the same query with `cursor` replaced. */
export function nextPage(cursor: Cursor | null, path: string, query: Record<string, string | undefined>, url: ToUrl): { nextCursor: string | null; next: string | null } {
  if (!cursor) return { nextCursor: null, next: null };
  const nextCursor = encodeCursor(cursor);
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && key !== 'cursor') params.set(key, value);
  params.set('cursor', nextCursor);
  return { nextCursor, next: `${url(path)}?${params}` };
}
