import type { Metadata } from 'next';

/**
 * The post page's robots meta: indexable with large image previews (Google shows only a
 * thumbnail without `max-image-preview:large`), or noindex for a duplicate of it.
 */
export function postRobots(indexable: boolean): Metadata['robots'] {
  return indexable ? { index: true, follow: true, 'max-image-preview': 'large' } : { index: false, follow: true };
}
