import { siteUrl } from '@/lib/site-url';
import { shareImageUrl, type ShareablePost, type ShareableSite } from '@/lib/og/urls';

/**
 * The absolute URLs of the pictures that stand for a post in search results (JSON-LD
 * `image`): its cover when it has one, and always its generated 1200×630 share image
 * (lib/og), so there is a wide picture whether or not the author chose one.
 */
export function articleImageUrls(post: ShareablePost, site: ShareableSite): string[] {
  const generated = shareImageUrl(post, site);
  return post.coverImage ? [siteUrl(post.coverImage), generated] : [generated];
}
