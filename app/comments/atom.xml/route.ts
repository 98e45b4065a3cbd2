import { serveFeed } from '@/lib/feeds/serve';

// Atom 1.0: the newest comments on the whole site (lib/feeds; README, "Feeds").
export async function GET(request: Request): Promise<Response> {
  return serveFeed(request, { kind: 'site-comments' }, 'atom');
}
