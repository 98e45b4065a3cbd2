import { serveFeed } from '@/lib/feeds/serve';

// RSS 2.0: a post's newest comments (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/post/[slug]/comments/rss.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'post-comments', slug: (await params).slug }, 'rss');
}
