import { readPost } from '@/lib/api/endpoints';
import { preflight, serveApi } from '@/lib/api/http';

// GET /api/v1/posts/{slug} (README "API").
export async function GET(request: Request, { params }: RouteContext<'/api/v1/posts/[slug]'>): Promise<Response> {
  const { slug } = await params;
  return serveApi(request, (url) => readPost(url, slug));
}
export const OPTIONS = preflight;
