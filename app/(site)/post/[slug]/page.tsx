import type { Metadata } from 'next';
import { CommentSection } from '@/components/comments/comment-section';
import { PostPageBody } from '@/components/post/post-page';
import { getPostForSlug, postMetadata, redirectOrNotFound } from './post-route';
import { PostLike } from '@/components/post/post-like';
import { getPrerenderSlugs } from '@/lib/dal/posts';
import { getSiteContext } from '@/lib/site';

export async function generateStaticParams() {
  const slugs = await getPrerenderSlugs();
  return slugs.length > 0 ? slugs.map((slug) => ({ slug })) : [{ slug: 'welcome' }];
}

export async function generateMetadata({ params }: PageProps<'/post/[slug]'>): Promise<Metadata> {
  const post = await getPostForSlug((await params).slug);
  return post ? postMetadata(post, { indexable: true }) : {};
}

// Cached as a whole and the same for every reader without a session; the counters
// come from a short-lived cache so they lag by seconds, never per request.
export default async function PostPage({ params }: PageProps<'/post/[slug]'>) {
  const post = await getPostForSlug((await params).slug);
  if (!post) return redirectOrNotFound((await params).slug);
  const { t, locale } = await getSiteContext();
  return (
    <PostPageBody
      post={post}
      like={<PostLike post={post} viewer={null} />}
      comments={<CommentSection post={post} t={t} locale={locale} sort="newest" page={1} viewer={null} viewerState={null} />}
    />
  );
}
