import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: a post's newest comments (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/post/[slug]/comments/feed.json'>): Promise<Response> {
  return serveFeed(request, { kind: 'post-comments', slug: (await params).slug }, 'json');
}
