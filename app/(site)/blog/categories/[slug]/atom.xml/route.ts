import { serveFeed } from '@/lib/feeds/serve';

// Atom 1.0: a category's newest posts (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/categories/[slug]/atom.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'category', slug: (await params).slug }, 'atom');
}
