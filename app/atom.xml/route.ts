import { serveFeed } from '@/lib/feeds/serve';

// Atom 1.0: the site's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request): Promise<Response> {
  return serveFeed(request, { kind: 'site' }, 'atom');
}
