import { serveFeed } from '@/lib/feeds/serve';

// RSS 2.0: the site's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request): Promise<Response> {
  return serveFeed(request, { kind: 'site' }, 'rss');
}
