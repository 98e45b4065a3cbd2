import { postPath } from '@/lib/site-url';
import type { FeedFormat, FeedScope } from './types';

// Every feed's address, in one place: the routes in app/ live at exactly these paths
// (README, "Feeds"), and the pages' <link rel="alternate"> point to them.

export const FEED_FILES: Record<FeedFormat, string> = { rss: 'rss.xml', atom: 'atom.xml', json: 'feed.json' };

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

const segment = encodeURIComponent;

/** The feed's path in `format`. */
export function feedPath(scope: FeedScope, format: FeedFormat): string {
  const file = FEED_FILES[format];
  switch (scope.kind) {
    case 'site':
      return `/${file}`;
    case 'category':
      return `/blog/categories/${segment(scope.slug)}/${file}`;
    case 'tag':
      return `/blog/tags/${segment(scope.slug)}/${file}`;
    case 'author':
      return `/blog/authors/${segment(scope.id)}/${file}`;
    case 'site-comments':
      return `/comments/${file}`;
    case 'post-comments':
      return `/post/${segment(scope.slug)}/comments/${file}`;
  }
}

/** The page a feed belongs to (authors have no page of their own: the blog). */
export function feedPagePath(scope: FeedScope): string {
  switch (scope.kind) {
    case 'site':
    case 'site-comments':
      return '/';
    case 'category':
      return `/blog/categories/${segment(scope.slug)}`;
    case 'tag':
      return `/blog/tags/${segment(scope.slug)}`;
    case 'author':
      return '/blog';
    case 'post-comments':
      return postPath(scope.slug);
  }
}
