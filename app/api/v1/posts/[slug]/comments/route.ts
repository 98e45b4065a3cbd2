import { readComments } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/posts/{slug}/comments?cursor=&limit=&order= (README "API").
export async function GET(request: Request, { params }: RouteContext<'/api/v1/posts/[slug]/comments'>): Promise<Response> {
  const { slug } = await params;
  return serveApi(request, (url) => readComments(url, slug));
}
export const OPTIONS = preflight;
