import Link from 'next/link';
import { getPostPage, type ListFilter } from '@/lib/dal/posts';
import { getSiteContext } from '@/lib/site';
import { listingParamsSchema } from '@/lib/validations/listing';
import { Pagination } from '@/components/ui/pagination';
import { PostGrid } from './post-card';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * A keyset-paginated list of posts for /blog, a category or a tag. Reads the query
 * string, so it renders per request inside a <Suspense>; the data comes from the cache.
 */
export async function PostListPage({ basePath, filter, searchParams }: { basePath: string; filter: ListFilter; searchParams: SearchParams }) {
  const { settings, t, locale } = await getSiteContext();
  const parsed = listingParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
        <p>{t.invalidPageLink}</p>
        <p className="mt-4">
          <Link href={basePath} className="btn-link">
            {t.backToNewest}
          </Link>
        </p>
      </div>
    );
  }
  const { cursor, dir } = parsed.data;
  const page = await getPostPage(filter, cursor ?? null, dir, settings.postsPerPage);
  return (
    <>
      <PostGrid posts={page.cards} t={t} locale={locale} />
      <Pagination basePath={basePath} prev={page.prev} next={page.next} t={t} />
    </>
  );
}
