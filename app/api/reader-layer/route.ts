import { getReaderLayer } from '@/lib/comments/reader-layer';
import { slugSchema } from '@/lib/validations/listing';

// GET /api/reader-layer?slug=<post>: the asking reader's own layer of that post's page (their
// name and comment controls, lib/comments/reader-layer.ts), for the production server to
// put into the shared signed-in shell. It answers only about the session it is sent with.

export async function GET(request: Request): Promise<Response> {
  const slug = slugSchema.safeParse(new URL(request.url).searchParams.get('slug'));
  if (!slug.success) return Response.json({ error: 'slug: expected a post slug' }, { status: 400, headers: { 'cache-control': 'no-store' } });
  return Response.json(await getReaderLayer(slug.data), { headers: { 'cache-control': 'private, no-store' } });
}
