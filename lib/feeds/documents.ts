import 'server-only';
import type { FeedCommentRow, FeedOwner, FeedPostRef, FeedPostRow } from '@/lib/dal/feed-queries';
import type { SiteSettings } from '@/lib/dal/settings';
import { getDictionary } from '@/lib/i18n';
import { renderMarkdownWith } from '@/lib/markdown';
import { categoryFeedTitle, siteFeedTitle, tagFeedTitle } from './titles';
import { absoluteUrl, absoluteUrls, coverHtml, htmlWithAbsoluteUrls } from './html';
import { FEED_FORMATS, type CommentScope, type FeedDocument, type FeedEntry, type FeedFormat, type FeedScope, type PostScope } from './types';
import { feedPagePath, feedPath } from './urls';
import { postPath } from '@/lib/site-url';

// A feed's content from the rows the feed queries read (lib/dal/feed-queries.ts): full
// post bodies through the site's own markdown pipeline, comments as they were sanitized
// when written, every address absolute. `url` makes an absolute URL of a path (siteUrl).

export type FeedSite = Pick<SiteSettings, 'siteName' | 'siteDescription' | 'language'>;
type ToUrl = (path: string) => string;

/** The latest of `dates`; `fallback` (when the feed's owner was made) for an empty feed. */
const newest = (dates: Date[], fallback: Date) => (dates.length > 0 ? new Date(Math.max(...dates.map((d) => d.getTime()))) : fallback);

function shell(scope: FeedScope, site: FeedSite, url: ToUrl, title: string, updated: Date, entries: FeedEntry[]): FeedDocument {
  const selfUrls = Object.fromEntries(FEED_FORMATS.map((f) => [f, url(feedPath(scope, f))])) as Record<FeedFormat, string>;
  return { siteName: site.siteName, title, description: site.siteDescription || site.siteName, language: site.language, pageUrl: url(feedPagePath(scope)), selfUrls, updated, entries };
}

function postsTitle(scope: PostScope, owner: FeedOwner, site: FeedSite): string {
  const t = getDictionary(site.language).feeds;
  switch (scope.kind) {
    case 'site':
      return siteFeedTitle(site.siteName);
    case 'category':
      return categoryFeedTitle(site.siteName, owner.name);
    case 'tag':
      return tagFeedTitle(site.siteName, owner.name);
    case 'author':
      return t.author(site.siteName, owner.name);
  }
}

async function postEntry(post: FeedPostRow, url: ToUrl): Promise<FeedEntry> {
  const link = url(postPath(post.slug));
  const image = post.coverImage ? absoluteUrl(post.coverImage, link) : undefined;
  const body = await renderMarkdownWith(post.body, absoluteUrls(link));
  return {
    url: link,
    title: post.title,
    summary: post.excerpt,
    html: image ? coverHtml(image, post.coverAlt ?? '') + body : body,
    published: post.publishedAt,
    authorName: post.author.name,
    image,
    categories: [...post.categories, ...post.tags],
  };
}

/** A posts feed (site, category, tag or author). Its date: the newest publication or edit among its posts. */
export async function postsDocument(scope: PostScope, owner: FeedOwner, posts: FeedPostRow[], site: FeedSite, url: ToUrl): Promise<FeedDocument> {
  const entries = await Promise.all(posts.map((p) => postEntry(p, url)));
  const updated = newest(posts.flatMap((p) => [p.publishedAt, p.updatedAt]), owner.createdAt);
  return shell(scope, site, url, postsTitle(scope, owner, site), updated, entries);
}

/** A comment feed, site-wide (`post` null) or one post's. Its date: the newest comment or edit. */
export function commentsDocument(scope: CommentScope, post: FeedPostRef | null, comments: FeedCommentRow[], site: FeedSite, url: ToUrl): FeedDocument {
  const t = getDictionary(site.language).feeds;
  const entries = comments.map((c): FeedEntry => {
    const page = url(postPath(c.post.slug));
    return {
      url: `${page}#comment-${encodeURIComponent(c.id)}`,
      title: t.commentTitle(c.authorName, c.post.title),
      summary: '',
      html: htmlWithAbsoluteUrls(c.html, page),
      published: c.createdAt,
      authorName: c.authorName,
      categories: [],
    };
  });
  const title = post ? t.postComments(site.siteName, post.title) : t.siteComments(site.siteName);
  const updated = newest(comments.flatMap((c) => [c.createdAt, ...(c.editedAt ? [c.editedAt] : [])]), post?.publishedAt ?? new Date(0));
  return shell(scope, site, url, title, updated, entries);
}
