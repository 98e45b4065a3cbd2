import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: an author's newest posts (by user id) (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/authors/[id]/feed.json'>): Promise<Response> {
  return serveFeed(request, { kind: 'author', id: (await params).id }, 'json');
}
