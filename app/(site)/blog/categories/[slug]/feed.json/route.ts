import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: a category's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/categories/[slug]/feed.json'>): Promise<Response> {
  return serveFeed(request, { kind: 'category', slug: (await params).slug }, 'json');
}
