import { serveFeed } from '@/lib/feeds/serve';

// RSS 2.0: an author's newest posts (by user id) (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/authors/[id]/rss.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'author', id: (await params).id }, 'rss');
}
