import 'server-only';
import { connection } from 'next/server';
import { z } from 'zod';
import { getRenderedFeed } from '@/lib/dal/feeds';
import { getRedirectTarget } from '@/lib/dal/post-redirects';
import { getTermRedirect } from '@/lib/dal/taxonomy';
import { env } from '@/lib/env';
import { siteUrl } from '@/lib/site-url';
import { slugSchema } from '@/lib/validations/listing';
import { feedNotFound, feedResponse } from './http';
import type { FeedFormat, FeedScope } from './types';
import { feedPath } from './urls';

// What every feed route does: check the address, answer 404 for an unknown category,
// tag, author or post (301 from a renamed one's old address, so subscriptions follow),
// else the cached feed, or 304 when the reader's copy is current.

/** A user id as this site makes them (cuid); anything else is no author. */
const authorIdSchema = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export type FeedParams = { kind: 'site' | 'site-comments' } | { kind: 'category' | 'tag' | 'post-comments'; slug: string } | { kind: 'author'; id: string };

function parseScope(params: FeedParams): FeedScope | null {
  if (params.kind === 'site' || params.kind === 'site-comments') return { kind: params.kind };
  if (params.kind === 'author') return authorIdSchema.safeParse(params.id).success ? { kind: 'author', id: params.id } : null;
  if (params.kind === 'category' || params.kind === 'tag' || params.kind === 'post-comments') {
    return slugSchema.safeParse(params.slug).success ? { kind: params.kind, slug: params.slug } : null;
  }
  return null;
}

async function movedTo(scope: FeedScope): Promise<FeedScope | null> {
  if (scope.kind === 'category' || scope.kind === 'tag') {
    const slug = await getTermRedirect(scope.kind, scope.slug);
    return slug ? { kind: scope.kind, slug } : null;
  }
  if (scope.kind === 'post-comments') {
    const slug = await getRedirectTarget(scope.slug);
    return slug ? { kind: 'post-comments', slug } : null;
  }
  return null;
}

export async function serveFeed(request: Request, params: FeedParams, format: FeedFormat): Promise<Response> {
  // Per request: the answer depends on the reader's validators, and the build has no database.
  await connection();
  const scope = parseScope(params);
  if (!scope) return feedNotFound();
  const feed = await getRenderedFeed(scope, format, env().FEED_ITEMS);
  if (feed) return feedResponse(request, feed, format);
  const moved = await movedTo(scope);
  return moved ? new Response(null, { status: 301, headers: { Location: siteUrl(feedPath(moved, format)) } }) : feedNotFound();
}
