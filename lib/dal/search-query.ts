import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { SEARCH_CANDIDATES, SEARCH_PAGE_SIZE, SEARCH_TITLE_CANDIDATES } from '@/lib/validations/listing';
import { liveSql } from '@/lib/live-posts.mjs';

const LIVE = Prisma.raw(liveSql('p'));

// PostgreSQL full-text search over title, excerpt, tags and body (posts.search,
// kept by triggers), ranked, with the matched words marked in a snippet. Uncached: pages
// read it through lib/dal/search.ts; the integration tests call it directly.

export type SnippetPart = { text: string; hit: boolean };

export type SearchHit = {
  id: string;
  slug: string;
  title: string;
  publishedAt: string;
  readingMinutes: number;
  authorName: string;
  snippet: SnippetPart[];
};

// Control characters cannot occur in a body that passed validation, so they make safe markers.
const START = '\u0002';
const STOP = '\u0003';

/** Splits ts_headline output into plain and matched parts; React escapes both. */
export function splitSnippet(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const chunk of headline.split(START)) {
    const [hit, rest] = chunk.includes(STOP) ? chunk.split(STOP, 2) : [null, chunk];
    if (hit) parts.push({ text: hit, hit: true });
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

type Row = {
  id: string;
  slug: string;
  title: string;
  published_at: Date;
  reading_minutes: number;
  author_name: string | null;
  headline: string;
  candidates: number;
  capped: boolean;
};

export type SearchPage = {
  hits: SearchHit[];
  page: number;
  hasNext: boolean;
  /** Posts ranked for this query (0 on a page past the last); with `capped`, more posts match than were ranked. */
  total: number;
  capped: boolean;
};

/**
 * One page of posts matching a websearch-style query: title matches first, then by
 * ts_rank_cd, newest first among equals. Candidates are the newest SEARCH_CANDIDATES
 * matches plus the newest SEARCH_TITLE_CANDIDATES title matches, each found through its GIN
 * index (or, for a word in most posts, by walking the date index); snippets are made only
 * for the page shown.
 */
export async function querySearchPage(query: string, page = 1): Promise<SearchPage> {
  const rows = await db.$queryRaw<Row[]>(searchSql(query, page));
  const shown = rows.slice(0, SEARCH_PAGE_SIZE);
  return {
    hits: shown.map((r) => ({
      id: r.id,
      slug: r.slug,
      title: r.title,
      publishedAt: r.published_at.toISOString(),
      readingMinutes: r.reading_minutes,
      authorName: r.author_name ?? 'Anonymous',
      snippet: splitSnippet(r.headline),
    })),
    page,
    hasNext: rows.length > SEARCH_PAGE_SIZE,
    total: rows[0]?.candidates ?? 0,
    capped: rows[0]?.capped ?? false,
  };
}

/** The statement behind querySearchPage; the plan test EXPLAINs it as it is. */
export function searchSql(query: string, page: number): Prisma.Sql {
  const offset = (page - 1) * SEARCH_PAGE_SIZE;
  // The tsquery is written out in each place (not a CTE) so the planner sees its words
  // and can tell a common one (walk the date index) from a rare one (bitmap on GIN).
  return Prisma.sql`
    WITH title_hits AS (
      SELECT p.id FROM posts p
       WHERE p.title_search @@ websearch_to_tsquery('english', ${query})
         AND ${LIVE}
       ORDER BY p.published_at DESC, p.id DESC
       LIMIT ${SEARCH_TITLE_CANDIDATES}
    ), all_hits AS (
      SELECT p.id FROM posts p
       WHERE p.search @@ websearch_to_tsquery('english', ${query})
         AND ${LIVE}
       ORDER BY p.published_at DESC, p.id DESC
       LIMIT ${SEARCH_CANDIDATES + 1}
    ), candidates AS (
      SELECT id FROM title_hits UNION SELECT id FROM all_hits
    ), ranked AS (
      SELECT p.id, p.published_at,
             p.title_search @@ websearch_to_tsquery('english', ${query}) AS in_title,
             ts_rank_cd(p.search, websearch_to_tsquery('english', ${query})) AS rank
        FROM candidates c JOIN posts p ON p.id = c.id
       ORDER BY in_title DESC, rank DESC, p.published_at DESC, p.id DESC
      OFFSET ${offset} LIMIT ${SEARCH_PAGE_SIZE + 1}
    )
    SELECT p.id, p.slug, p.title, p.published_at, p.reading_minutes, u.name AS author_name,
           ts_headline('english',
             p.excerpt || ' ' || regexp_replace(p.body, '[#*_>\`\\[\\]|]+', ' ', 'g'),
             websearch_to_tsquery('english', ${query}),
             ${`StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=18, MaxFragments=2, FragmentDelimiter=" … "`}
           ) AS headline,
           (SELECT count(*)::int FROM candidates) AS candidates,
           (SELECT count(*) > ${SEARCH_CANDIDATES} FROM all_hits) AS capped
      FROM ranked r
      JOIN posts p ON p.id = r.id
      JOIN users u ON u.id = p.author_id
     ORDER BY r.in_title DESC, r.rank DESC, r.published_at DESC, r.id DESC`;
}
