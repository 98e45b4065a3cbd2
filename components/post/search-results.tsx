import Link from 'next/link';
import { searchPosts, type SearchHit } from '@/lib/dal/search';
import { formatDate, formatNumber, type Dictionary, type Locale } from '@/lib/i18n';
import { getSiteContext } from '@/lib/site';
import { SEARCH_CANDIDATES, SEARCH_MAX_LENGTH, searchParamsSchema } from '@/lib/validations/listing';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const pageHref = (q: string, page: number) => `/search?${new URLSearchParams(page > 1 ? { q, page: String(page) } : { q })}`;

function Notice({ children }: { children: React.ReactNode }) {
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
      {children}
    </div>
  );
}

/**
 * Ranked full-text results with the matched words marked, a page at a time. Renders per
 * request from cached queries; the production server keeps the answer for a second for
 * readers without a session (server/microcache.mjs LIST_PAGES): nothing here may depend on
 * the reader (cookies, headers), only on the address.
 */
export async function SearchResults({ searchParams }: { searchParams: SearchParams }) {
  const { t, locale } = await getSiteContext();
  const raw = await searchParams;
  const parsed = searchParamsSchema.safeParse(raw);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === 'q')) return <Notice>{t.searchTooLong(SEARCH_MAX_LENGTH)}</Notice>;
    return <BadPage q={searchParamsSchema.shape.q.safeParse(raw.q).data ?? ''} t={t} />;
  }
  const { q, page } = parsed.data;
  if (!q) return <p role="status">{t.searchEmpty}</p>;
  const result = await searchPosts(q, page);
  if (page > 1 && result.hits.length === 0) return <BadPage q={q} t={t} />;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading" className="text-lg font-medium">
        {t.searchResultsFor(q)}
      </h2>
      <p role="status" className="mt-1 text-sm text-neutral-600">
        {result.capped ? t.searchCountMore(formatNumber(SEARCH_CANDIDATES, locale)) : t.searchCount(formatNumber(result.total, locale))}
        {page > 1 ? ` · ${t.searchPageNumber(formatNumber(page, locale))}` : null}
      </p>
      {result.capped ? <p className="mt-1 text-sm text-neutral-600">{t.searchCapped}</p> : null}
      {result.hits.length === 0 ? (
        <p className="mt-6 text-neutral-700">{t.searchNoResults}</p>
      ) : (
        <ol className="mt-6 space-y-6">
          {result.hits.map((hit) => (
            <Hit key={hit.id} hit={hit} t={t} locale={locale} />
          ))}
        </ol>
      )}
      {page > 1 || result.hasNext ? (
        <nav aria-label={t.searchPages} className="mt-10 flex items-center justify-between gap-4">
          {page > 1 ? (
            <Link rel="prev" className="btn-link" href={pageHref(q, page - 1)}>
              ← {t.searchPrevious}
            </Link>
          ) : (
            <span />
          )}
          {result.hasNext ? (
            <Link rel="next" className="btn-link" href={pageHref(q, page + 1)}>
              {t.searchNext} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

function BadPage({ q, t }: { q: string; t: Dictionary }) {
  return (
    <Notice>
      <p>{t.searchBadPage}</p>
      <p className="mt-4">
        <Link href={pageHref(q, 1)} className="btn-link">
          {t.searchFirstPage}
        </Link>
      </p>
    </Notice>
  );
}

function Hit({ hit, t, locale }: { hit: SearchHit; t: Dictionary; locale: Locale }) {
  return (
    <li className="rounded-lg border border-neutral-200 bg-white p-5">
      <h3 className="text-lg font-semibold">
        <Link href={`/post/${hit.slug}`} className="hover:underline">
          {hit.title}
        </Link>
      </h3>
      <p className="mt-1 text-xs text-neutral-600">
        {hit.authorName} · <time dateTime={hit.publishedAt}>{formatDate(hit.publishedAt, locale)}</time> · {t.minRead(formatNumber(hit.readingMinutes, locale))}
      </p>
      <p className="mt-3 text-sm text-neutral-800" data-testid="search-snippet">
        {hit.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
    </li>
  );
}
