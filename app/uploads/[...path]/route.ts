import { getUploadBlob, getUploadHead } from '@/lib/dal/media-blobs';
import { etagMatches } from '@/lib/media/etag';

// Uploaded images, from PostgreSQL so any instance serves any upload. A stored upload never
// changes (a new upload gets a new random name), so browsers and CDNs may keep it for a
// year, and its ETag (the SHA-256 of its bytes) is strong; next/image resizes from here
// (/_next/image). Only names the upload pipeline makes are looked up.
const IMMUTABLE = 'public, max-age=31536000, immutable';

const notFound = () => new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

export async function GET(request: Request, { params }: RouteContext<'/uploads/[...path]'>): Promise<Response> {
  const { path } = await params;
  const name = path.length === 1 ? path[0] : undefined;
  if (!name) return notFound();

  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch) {
    // A revalidation reads the hash only, never the bytes.
    const head = await getUploadHead(name);
    if (!head) return notFound();
    if (etagMatches(ifNoneMatch, head.etag)) return new Response(null, { status: 304, headers: { ETag: head.etag, 'Cache-Control': IMMUTABLE } });
  }
  const blob = await getUploadBlob(name);
  if (!blob) return notFound();
  return new Response(blob.data as BodyInit, {
    headers: { 'Content-Type': blob.contentType, 'Content-Length': String(blob.size), ETag: blob.etag, 'Cache-Control': IMMUTABLE },
  });
}
