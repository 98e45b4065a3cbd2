import { getPostCounters, type PostDetail } from '@/lib/dal/posts';
import { blogPostingJsonLd, breadcrumbJsonLd } from '@/lib/seo/post-json-ld';
import { getSiteContext } from '@/lib/site';
import { JsonLd } from './json-ld';

/**
 * BlogPosting and BreadcrumbList for a post page. Rendered inside the cached page, so it
 * costs nothing per request; the counters are the same short-lived cached read the page's
 * "N views · N comments" line makes.
 */
export async function PostJsonLd({ post }: { post: PostDetail }) {
  const [{ settings }, counters] = await Promise.all([getSiteContext(), getPostCounters(post.id)]);
  return (
    <>
      <JsonLd data={blogPostingJsonLd(post, counters, settings)} />
      <JsonLd data={breadcrumbJsonLd(post, settings)} />
    </>
  );
}
