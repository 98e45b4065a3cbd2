import { env } from '@/lib/env';

// The IndexNow key file, /<key>.txt (next.config.js rewrites it here): a search engine
// fetches it to check that a ping came from this site. Only the configured key exists.
export async function GET(_request: Request, { params }: RouteContext<'/indexnow-key/[key]'>): Promise<Response> {
  const { key } = await params;
  const configured = env().INDEXNOW_KEY;
  if (!configured || key !== configured) {
    return new Response('Not found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  }
  return new Response(configured, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
}
