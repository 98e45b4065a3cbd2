import Link from 'next/link';
import { searchPosts } from '@/lib/dal/search';
import { formatDate, formatNumber } from '@/lib/i18n';
import { getSiteContext } from '@/lib/site';
import { SEARCH_MAX_LENGTH, searchParamsSchema } from '@/lib/validations/listing';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Ranked full-text results with the matched words marked. Renders per request from cached queries. */
export async function SearchResults({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale } = await getSiteContext();
  const parsed = searchParamsSchema.safeParse(await searchParams);
  if (!parsed.success) {
    return (
      <p role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
        {t.searchTooLong(SEARCH_MAX_LENGTH)}
      </p>
    );
  }
  const q = parsed.data.q;
  if (!q) return <p role="status">{t.searchEmpty}</p>;
  const hits = await searchPosts(q);
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="text-lg font-medium">
        {t.searchResultsFor(q)}
      </h2>
      <p role="status" className="mt-1 text-sm text-neutral-600">
        {t.searchCount(formatNumber(hits.length, locale))}
      </p>
      {hits.length === 0 ? (
        <p className="mt-6 text-neutral-700">{t.searchNoResults}</p>
      ) : (
        <ol className="mt-6 space-y-6">
          {hits.map((hit) => (
            <li key={hit.id} className="rounded-lg border border-neutral-200 bg-white p-5">
              <h3 className="text-lg font-semibold">
                <Link href={`/post/${hit.slug}`} className="hover:underline">
                  {hit.title}
                </Link>
              </h3>
              <p className="mt-1 text-xs text-neutral-600">
                {hit.authorName} · <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt, locale)}</time> ·{' '}
                {t.minRead(formatNumber(hit.readingMinutes, locale))}
              </p>
              <p className="mt-3 text-sm text-neutral-800" data-testid="search-snippet">
                {hit.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
