import { siteUrl } from '@/lib/env';

/**
 * The absolute URL of the picture that stands for a post where it is shared or shown
 * in search results (JSON-LD `image`): its cover, or null when it has none (JSON-LD
 * then leaves `image` out). Pages, JSON-LD and share tags all ask this one function.
 */
export function shareImageUrl(post: { slug: string; coverImage: string | null }): string | null {
  return post.coverImage ? siteUrl(post.coverImage) : null;
}
