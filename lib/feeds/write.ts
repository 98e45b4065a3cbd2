import { createHash } from 'node:crypto';
import { Feed, type Enclosure, type Item } from 'feed';
import { cdataSafe, textAsHtml } from './html';
import type { FeedDocument, FeedEntry, FeedFormat, RenderedFeed } from './types';

// Writes a feed document with the `feed` package as RSS 2.0 (full content in
// content:encoded), Atom 1.0 or JSON Feed 1.1. Deterministic: the same document gives the
// same bytes on every instance, so the ETag (a hash of them) matches across instances.
//
// Around three limits of the package (5.x and 6.0 alike):
// - it writes titles, summaries and content in CDATA and splits only the first "]]>"; Atom
//   declares them type="html", so they are given as HTML with no "]]>" (lib/feeds/html.ts);
// - it writes attribute values with "<" unescaped: an Atom category (term and label are
//   attributes) whose name holds one is left out (RSS categories are text and keep it);
// - its JSON output is JSON Feed 1.0 ("author", no "language"): upgraded to 1.1 here.

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif', svg: 'image/svg+xml' };

/** An enclosure for a cover whose type the address tells; none otherwise (the package would guess "image/<path>"). */
function enclosure(url: string | undefined): Enclosure | undefined {
  if (!url) return undefined;
  const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase() ?? '';
  const type = IMAGE_TYPES[extension];
  return type ? { url, type } : undefined;
}

function xmlItem(entry: FeedEntry, format: 'rss' | 'atom'): Item {
  const item: Item = {
    title: textAsHtml(entry.title),
    id: entry.url,
    link: entry.url,
    date: entry.published,
    published: entry.published,
    description: entry.summary ? textAsHtml(entry.summary) : undefined,
    content: cdataSafe(entry.html),
    image: enclosure(entry.image),
  };
  if (format === 'atom') {
    item.author = [{ name: entry.authorName }];
    item.category = entry.categories.filter((name) => !name.includes('<')).map((name) => ({ term: name, name }));
  } else {
    // RSS 2.0's <author> must be an email address, which stays private: Dublin Core's creator holds the name.
    item.extensions = [{ name: 'dc:creator', objects: { _text: entry.authorName } }];
    item.category = entry.categories.map((name) => ({ name }));
  }
  return item;
}

function jsonItem(entry: FeedEntry): Item {
  return {
    title: entry.title,
    id: entry.url,
    link: entry.url,
    date: entry.published,
    published: entry.published,
    description: entry.summary || undefined,
    content: entry.html,
    image: entry.image,
    author: [{ name: entry.authorName }],
    category: entry.categories.map((name) => ({ name })),
  };
}

type JsonFeed = { version: string; items: { author?: unknown; authors?: unknown[]; date_modified?: string }[]; [key: string]: unknown };

/** JSON Feed 1.0 as the package writes it → 1.1: "authors" lists, the feed's language. */
function toJsonFeed11(json: string, language: string): string {
  const feed = JSON.parse(json) as JsonFeed;
  feed.version = 'https://jsonfeed.org/version/1.1';
  feed.language = language;
  for (const item of feed.items) {
    if (item.author) item.authors = [item.author];
    delete item.author;
    // The package sets date_modified from the item's date, which is its publication.
    delete item.date_modified;
  }
  const { version, title, home_page_url, feed_url, description, language: lang, items, ...rest } = feed;
  return JSON.stringify({ version, title, home_page_url, feed_url, description, language: lang, ...rest, items }, null, 2);
}

export function writeFeed(doc: FeedDocument, format: FeedFormat): string {
  const feed = new Feed({
    title: doc.title,
    description: doc.description,
    id: doc.pageUrl,
    link: doc.pageUrl,
    language: doc.language,
    updated: doc.updated,
    generator: 'Quire',
    copyright: `© ${doc.siteName}`,
    feedLinks: { rss: doc.selfUrls.rss, atom: doc.selfUrls.atom, json: doc.selfUrls.json },
  });
  for (const entry of doc.entries) feed.addItem(format === 'json' ? jsonItem(entry) : xmlItem(entry, format));
  if (format === 'rss') return feed.rss2();
  if (format === 'atom') return feed.atom1();
  return toJsonFeed11(feed.json1(), doc.language);
}

/** The feed with its validators: a strong ETag from its bytes, Last-Modified from its newest entry (none when empty). */
export function renderFeed(doc: FeedDocument, format: FeedFormat): RenderedFeed {
  const body = writeFeed(doc, format);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
  return { body, etag, lastModified: doc.entries.length > 0 ? doc.updated.toUTCString() : null };
}
