import 'server-only';
import { etagMatches } from '@/lib/media/etag';
import type { Png } from './images';
import { SHARE_IMAGE } from './size';

// How a share image is answered. Under the address the pages link to (its `v` is the
// image's current version) it never changes, so browsers and CDNs may keep it for a year;
// any other address (no `v`, or an old one) may change at the next edit, so it is kept five
// minutes. Either way a strong ETag of the bytes lets a cache revalidate for a 304.

const FOR_GOOD = 'public, max-age=31536000, immutable';
const FOR_NOW = 'public, max-age=300';

export function pngResponse(request: Request, png: Png): Response {
  const v = new URL(request.url).searchParams.get('v');
  const headers = { ETag: png.etag, 'Cache-Control': v === png.version ? FOR_GOOD : FOR_NOW };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch && etagMatches(ifNoneMatch, png.etag)) return new Response(null, { status: 304, headers });
  return new Response(png.bytes as BodyInit, {
    headers: { ...headers, 'Content-Type': SHARE_IMAGE.contentType, 'Content-Length': String(png.bytes.byteLength) },
  });
}

export function imageNotFound(): Response {
  return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
