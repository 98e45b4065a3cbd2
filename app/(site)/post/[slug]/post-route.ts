import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { getRedirectTarget } from '@/lib/dal/post-redirects';
import { getPublishedPost, type PostDetail } from '@/lib/dal/posts';
import { feedAlternates } from '@/lib/feeds/discovery';
import { postShareImage } from '@/lib/og/urls';
import { postRobots } from '@/lib/seo/robots';
import { getSiteContext } from '@/lib/site';
import { slugSchema } from '@/lib/validations/listing';

// What /post/[slug] and /post/[slug]/comments (the same page, for signed-in readers and
// other sorts) decide before rendering components/post/post-page.tsx: the post a slug
// names, where a renamed post's old slug goes, and the page's metadata.

export async function getPostForSlug(slug: string): Promise<PostDetail | null> {
  return slugSchema.safeParse(slug).success ? getPublishedPost(slug) : null;
}

/** For a slug with no published post: a permanent redirect to the post's new address if it was renamed, else the 404 page. */
export async function redirectOrNotFound(slug: string): Promise<never> {
  const target = slugSchema.safeParse(slug).success ? await getRedirectTarget(slug) : null;
  if (target) permanentRedirect(`/post/${target}`);
  notFound();
}

export async function postMetadata(post: PostDetail, { indexable }: { indexable: boolean }): Promise<Metadata> {
  const { settings } = await getSiteContext();
  const title = post.seoTitle || post.title;
  const description = post.seoDescription || post.excerpt;
  const url = `/post/${post.slug}`;
  const image = postShareImage(post, settings);
  return {
    title,
    description,
    alternates: {
      canonical: url,
      types: await feedAlternates({ kind: 'post-comments', slug: post.slug, name: post.title }, { kind: 'author', id: post.author.id, name: post.author.name }),
    },
    robots: postRobots(indexable),
    authors: [{ name: post.author.name }],
    openGraph: {
      type: 'article',
      siteName: settings.siteName,
      title,
      description,
      url,
      publishedTime: post.publishedAt,
      modifiedTime: post.updatedAt,
      authors: [post.author.name],
      images: [image],
    },
    twitter: { card: 'summary_large_image', title, description, images: [image] },
  };
}
