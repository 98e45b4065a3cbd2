import 'server-only';
import type { Metadata } from 'next';
import { getSiteSettings } from '@/lib/dal/settings';
import { getDictionary } from '@/lib/i18n';
import { FEED_FORMATS, type FeedFormat, type FeedScope } from './types';
import { categoryFeedTitle, FORMAT_NAMES, siteFeedTitle, tagFeedTitle } from './titles';
import { feedPath } from './urls';

// <link rel="alternate"> for feed readers, through Next's metadata (alternates.types). A
// page that sets `alternates` (for its canonical) replaces the layout's whole object, so
// each such page asks for its own list: the site's feeds (posts, comments), then the page's.

type AlternateTypes = NonNullable<NonNullable<Metadata['alternates']>['types']>;

/** A page's own feed: its category's or tag's, its post's comments, its author's posts. */
export type PageFeed =
  | { kind: 'category' | 'tag'; slug: string; name: string }
  | { kind: 'post-comments'; slug: string; name: string }
  | { kind: 'author'; id: string; name: string };

const MIME_TYPES: Record<FeedFormat, string> = { rss: 'application/rss+xml', atom: 'application/atom+xml', json: 'application/feed+json' };

/** alternates.types: the site's feeds and `own`, each in RSS, Atom and JSON Feed. */
export async function feedAlternates(...own: PageFeed[]): Promise<AlternateTypes> {
  const settings = await getSiteSettings();
  const t = getDictionary(settings.language).feeds;
  const site = settings.siteName;
  const links: { scope: FeedScope; title: string }[] = [
    { scope: { kind: 'site' }, title: siteFeedTitle(site) },
    { scope: { kind: 'site-comments' }, title: t.siteComments(site) },
    ...own.map((feed) => {
      switch (feed.kind) {
        case 'category':
          return { scope: { kind: 'category', slug: feed.slug } as const, title: categoryFeedTitle(site, feed.name) };
        case 'tag':
          return { scope: { kind: 'tag', slug: feed.slug } as const, title: tagFeedTitle(site, feed.name) };
        case 'post-comments':
          return { scope: { kind: 'post-comments', slug: feed.slug } as const, title: t.postComments(site, feed.name) };
        case 'author':
          return { scope: { kind: 'author', id: feed.id } as const, title: t.author(site, feed.name) };
      }
    }),
  ];
  return Object.fromEntries(FEED_FORMATS.map((format) => [MIME_TYPES[format], links.map((l) => ({ url: feedPath(l.scope, format), title: `${l.title} (${FORMAT_NAMES[format]})` }))]));
}
