// What a feed is made of, independent of its format: the feed's own fields and its
// entries, each with sanitized HTML whose every link and image is absolute. Built by
// lib/feeds/documents.ts, written by lib/feeds/write.ts as RSS 2.0, Atom 1.0 or JSON Feed 1.1.

export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/** Which posts a posts feed carries. Authors are keyed by their user id: public, unlike an email. */
export type PostScope = { kind: 'site' } | { kind: 'category'; slug: string } | { kind: 'tag'; slug: string } | { kind: 'author'; id: string };

/** Which comments a comment feed carries: the whole site's, or one post's. */
export type CommentScope = { kind: 'site-comments' } | { kind: 'post-comments'; slug: string };

export type FeedScope = PostScope | CommentScope;

export type FeedEntry = {
  /** Absolute URL, also the entry's id (stable: a post's or a comment's address). */
  url: string;
  title: string;
  /** Plain text. */
  summary: string;
  /** Sanitized HTML with absolute URLs. */
  html: string;
  published: Date;
  authorName: string;
  authorUrl?: string;
  /** Absolute URL of the cover image. */
  image?: string;
  categories: string[];
};

export type FeedDocument = {
  siteName: string;
  title: string;
  description: string;
  language: string;
  /** The page the feed belongs to (absolute). */
  pageUrl: string;
  /** The feed's own address in each format (absolute). */
  selfUrls: Record<FeedFormat, string>;
  /** Newest change among the entries (publication, edit): the feed's updated date and Last-Modified. */
  updated: Date;
  entries: FeedEntry[];
};

/** A feed ready to send: the body, its strong ETag and its Last-Modified (null for an empty feed). */
export type RenderedFeed = { body: string; etag: string; lastModified: string | null };
