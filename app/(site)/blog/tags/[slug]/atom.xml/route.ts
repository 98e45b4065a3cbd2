import { serveFeed } from '@/lib/feeds/serve';

// Atom 1.0: a tag's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/tags/[slug]/atom.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'tag', slug: (await params).slug }, 'atom');
}
