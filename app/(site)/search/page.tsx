import type { Metadata } from 'next';
import { SearchResults } from '@/components/post/search-results';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  return { title: t.searchTitle, robots: { index: false, follow: true } };
}

export default async function SearchPage({ searchParams }: PageProps<'/search'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">{t.searchTitle}</h1>
      <SearchResults searchParams={searchParams} />
    </>
  );
}
