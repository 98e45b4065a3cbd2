import { getSiteShareImage } from '@/lib/og/images';
import { pngResponse } from '@/lib/og/response';

// The site's 1200×630 share image: home, lists and every page that is not a post.
export async function GET(request: Request): Promise<Response> {
  return pngResponse(request, await getSiteShareImage());
}
