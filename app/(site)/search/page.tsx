import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SearchResults } from '@/components/post/search-results';
import { PostListSkeleton } from '@/components/post/post-list-page';
import { getSiteContext } from '@/lib/site';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.searchTitle, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{t.searchTitle}</h1>
      <Suspense fallback={<PostListSkeleton label={t.loading} />}>
        <SearchResults searchParams={searchParams} />
      </Suspense>
    </>
  );
}
