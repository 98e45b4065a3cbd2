import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: a tag's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/tags/[slug]/feed.json'>): Promise<Response> {
  return serveFeed(request, { kind: 'tag', slug: (await params).slug }, 'json');
}
