import { siteIconResponse } from '@/components/seo/site-icon';

// iOS home screens, and the publisher logo of the JSON-LD (lib/seo/post-json-ld.ts).
// Square: iOS rounds the corners itself.
export const size = { width: 180, height: 180 };
export const contentType = 'image/png';

export default function AppleIcon() {
  return siteIconResponse(size.width, { rounded: false });
}
