import { serveFeed } from '@/lib/feeds/serve';

// Atom 1.0: an author's newest posts (by user id) (lib/feeds; README, "Feeds").
export async function GET(request: Request, { params }: RouteContext<'/blog/authors/[id]/atom.xml'>): Promise<Response> {
  return serveFeed(request, { kind: 'author', id: (await params).id }, 'atom');
}
