import { etagMatches } from '@/lib/media/etag';
import type { FeedFormat, RenderedFeed } from './types';
import { FEED_CONTENT_TYPES } from './urls';

// Conditional requests, so a feed reader polling every few minutes downloads a feed only
// when it changed: ETag with If-None-Match, Last-Modified with If-Modified-Since.
// "no-cache": a reader may keep the feed but must ask again before using it (a 304 is cheap).
const CACHE_CONTROL = 'public, no-cache';

/**
 * Whether the reader's copy is current. RFC 9110 §13.2.2: when If-None-Match is sent,
 * If-Modified-Since is ignored (the ETag also catches changes that keep the dates, such as
 * a renamed category).
 */
export function isNotModified(headers: Headers, feed: RenderedFeed): boolean {
  const ifNoneMatch = headers.get('if-none-match');
  if (ifNoneMatch !== null) return etagMatches(ifNoneMatch, feed.etag);
  const ifModifiedSince = headers.get('if-modified-since');
  if (!ifModifiedSince || !feed.lastModified) return false;
  const since = Date.parse(ifModifiedSince);
  return !Number.isNaN(since) && Date.parse(feed.lastModified) <= since;
}

export function feedResponse(request: Request, feed: RenderedFeed, format: FeedFormat): Response {
  const validators: Record<string, string> = { ETag: feed.etag, 'Cache-Control': CACHE_CONTROL };
  if (feed.lastModified) validators['Last-Modified'] = feed.lastModified;
  if (isNotModified(request.headers, feed)) return new Response(null, { status: 304, headers: validators });
  return new Response(feed.body, { headers: { ...validators, 'Content-Type': FEED_CONTENT_TYPES[format] } });
}

export function feedNotFound(): Response {
  return new Response('No such feed\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
