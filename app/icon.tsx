import { siteIconResponse } from '@/components/seo/site-icon';

// The browser tab's icon (<link rel="icon">), and the sizes the web app manifest lists.
export const contentType = 'image/png';

const SIZES = [32, 192, 512] as const;

export function generateImageMetadata() {
  return SIZES.map((size) => ({ id: String(size), size: { width: size, height: size }, contentType }));
}

export default async function Icon({ id }: { id: Promise<string | number> }) {
  const wanted = String(await id);
  const size = SIZES.find((s) => String(s) === wanted) ?? SIZES[0];
  return siteIconResponse(size);
}
