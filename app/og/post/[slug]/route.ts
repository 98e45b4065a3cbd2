import { getPostShareImage } from '@/lib/og/images';
import { imageNotFound, pngResponse } from '@/lib/og/response';
import { slugSchema } from '@/lib/validations/listing';

// A post's 1200×630 share image (og:image, twitter:image, JSON-LD), for posts readers can see.
export async function GET(request: Request, { params }: RouteContext<'/og/post/[slug]'>): Promise<Response> {
  const { slug } = await params;
  if (!slugSchema.safeParse(slug).success) return imageNotFound();
  const png = await getPostShareImage(slug);
  return png ? pngResponse(request, png) : imageNotFound();
}
