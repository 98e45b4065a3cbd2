import type { Metadata } from 'next';
import { CategoryNav } from '@/components/post/category-nav';
import { PostListPage } from '@/components/post/post-list-page';
import { feedAlternates } from '@/lib/feeds/discovery';
import { getSiteContext } from '@/lib/site';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getSiteContext();
  // The canonical link comes from the list (PostListPage): each page of it is its own.
  return { title: t.allPosts, alternates: { types: await feedAlternates() } };
}

// "See All": every published post, keyset-paginated.
export default async function BlogPage({ searchParams }: PageProps<'/blog'>) {
  const { t } = await getSiteContext();
  return (
    <>
      <CategoryNav current={null} t={t} />
      <h1 className="mb-8 text-3xl font-semibold">{t.allPosts}</h1>
      <PostListPage basePath="/blog" filter={{}} searchParams={searchParams} collection={{ name: t.allPosts }} />
    </>
  );
}
