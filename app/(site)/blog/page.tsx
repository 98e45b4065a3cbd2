import type { Metadata } from 'next';
import { Suspense } from 'react';
import { CategoryNav } from '@/components/post/category-nav';
import { PostListPage, PostListSkeleton } from '@/components/post/post-list-page';
import { getSiteContext } from '@/lib/site';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.allPosts, alternates: { canonical: '/blog' } };
}

// "See All": every published post, keyset-paginated.
export default async function BlogPage({ searchParams }: PageProps<'/blog'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <CategoryNav current={null} t={t} />
      <h1 className="mb-8 text-3xl font-semibold">{t.allPosts}</h1>
      <Suspense fallback={<PostListSkeleton label={t.loading} />}>
        <PostListPage basePath="/blog" filter={{}} searchParams={searchParams} />
      </Suspense>
    </>
  );
}
