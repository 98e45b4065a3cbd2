import 'server-only';
import { AsyncResource } from 'node:async_hooks';
import { Readable } from 'node:stream';
import { cachedSitemapSource } from '@/lib/dal/sitemap';
import type { SitemapSource } from './types';

/** An XML stream as the response body, sent as it is written. */
export function xmlResponse(stream: Readable): Response {
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
}

export function sitemapNotFound(): Response {
  return new Response('No such sitemap\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

/**
 * The cached source, bound to this request: a child's chunks are read while its body
 * streams, after the route handler has returned, and a 'use cache' function needs the
 * request's context (Next keeps it in AsyncLocalStorage). Call it inside the handler.
 */
export function requestSitemapSource(): SitemapSource {
  return {
    index: AsyncResource.bind(cachedSitemapSource.index),
    posts: AsyncResource.bind(cachedSitemapSource.posts),
    terms: AsyncResource.bind(cachedSitemapSource.terms),
  };
}
