import { serveFeed } from '@/lib/feeds/serve';

// RSS 2.0: a category's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/categories/[slug]/rss.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'category', slug: (await params).slug }, 'rss');
}
