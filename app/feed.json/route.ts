import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: the site's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request): Promise<Response> {
  return serveFeed(request, { kind: 'site' }, 'json');
}
