import { serveFeed } from '@/lib/feeds/serve';

// RSS 2.0: a tag's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/tags/[slug]/rss.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'tag', slug: (await params).slug }, 'rss');
}
