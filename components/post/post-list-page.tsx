import Link from 'next/link';
import { getPostPage, type ListFilter } from '@/lib/dal/posts';
import { getSiteContext } from '@/lib/site';
import { listingParamsSchema } from '@/lib/validations/listing';
import { Pagination } from '@/components/ui/pagination';
import { CollectionJsonLd } from '@/components/seo/site-json-ld';
import { ListHeadLinks } from '@/components/seo/list-head-links';
import { listPageHref } from '@/lib/seo/list-links';
import { PostGrid } from './post-card';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

type Collection = { name: string; description?: string | null };

/**
 * A keyset-paginated list of posts for /blog, a category or a tag. Reads the query
 * string, so it renders per request inside a <Suspense>; the data comes from the cache.
 * The production server keeps these answers for a second for readers without a session
 * (server/microcache.mjs LIST_PAGES): nothing on a list page may depend on the reader
 * (cookies, headers), only on its address.
 * For crawlers: each page is canonical to itself with rel="prev"/"next", and the first
 * page carries the list's CollectionPage JSON-LD (later pages are the same collection).
 */
export async function PostListPage({
  basePath,
  filter,
  searchParams,
  collection,
}: {
  basePath: string;
  filter: ListFilter;
  searchParams: SearchParams;
  collection: Collection;
}) {
  const { settings, t, locale } = await getSiteContext();
  const parsed = listingParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-6">
        <ListHeadLinks canonical={basePath} basePath={basePath} prev={null} next={null} />
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
  // Back at the newest posts, a "newer" page is the list's head: canonical to the first page.
  const canonical = dir === 'back' && !page.prev ? basePath : listPageHref(basePath, cursor ?? null, dir);
  return (
    <>
      <ListHeadLinks canonical={canonical} basePath={basePath} prev={page.prev} next={page.next} />
      {cursor ? null : (
        <CollectionJsonLd list={{ ...collection, path: basePath, postPaths: page.cards.map((c) => `/post/${c.slug}`) }} />
      )}
      <PostGrid posts={page.cards} t={t} locale={locale} />
      <Pagination basePath={basePath} prev={page.prev} next={page.next} t={t} />
    </>
  );
}
