import { serveFeed } from '@/lib/feeds/serve';

// JSON Feed 1.1: the newest comments on the whole site (lib/feeds; README, "Feeds").
export async function GET(request: Request): Promise<Response> {
  return serveFeed(request, { kind: 'site-comments' }, 'json');
}
