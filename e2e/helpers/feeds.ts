import type { APIRequestContext } from '@playwright/test';
import { decodeEntities } from './html';

// Feeds as a feed reader finds and reads them: the <link rel="alternate"> a page offers,
// and each feed fetched and parsed (tests/helpers/feed-xml.ts: strict XML, a real reader).

export const FEED_TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json'] as const;

/** Every feed a page's HTML offers: type, href (as written) and title. */
export function alternateFeeds(html: string): { type: string; href: string; title: string }[] {
  const links = [...html.matchAll(/<link\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => /\srel="alternate"/.test(tag));
  const attr = (tag: string, name: string) => decodeEntities(new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? '');
  return links.map((tag) => ({ type: attr(tag, 'type'), href: attr(tag, 'href'), title: attr(tag, 'title') })).filter((l) => (FEED_TYPES as readonly string[]).includes(l.type));
}

/** GET with the reader's validators; the status and validators of the answer. */
export async function conditionalGet(request: APIRequestContext, path: string, headers: Record<string, string>) {
  const response = await request.get(path, { headers });
  return { status: response.status(), etag: response.headers()['etag'], lastModified: response.headers()['last-modified'], body: await response.text() };
}
