import { openUpload } from '@/lib/media/storage';

// Uploaded images. A stored file never changes (a new upload gets a new random name), so
// browsers and CDNs may keep it for a year; next/image resizes from here (/_next/image).
// Only names the upload pipeline makes are looked up, so no path can leave the folder.
export async function GET(_request: Request, { params }: RouteContext<'/uploads/[...path]'>): Promise<Response> {
  const { path } = await params;
  const file = path.length === 1 && path[0] ? await openUpload(path[0]) : null;
  if (!file) return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  return new Response(file.stream, {
    headers: {
      'Content-Type': file.type,
      'Content-Length': String(file.size),
      'Cache-Control': 'public, max-age=31536000, immutable',
    },
  });
}
