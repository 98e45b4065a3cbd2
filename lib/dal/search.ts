import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';

// PostgreSQL full-text search over title, excerpt, tags and body (posts.search,
// kept by triggers), ranked, with the matched words marked in a snippet.

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
};

export async function searchPosts(query: string, limit = 20): Promise<SearchHit[]> {
  'use cache';
  cacheTag(TAGS.posts);
  cacheLife('content');
  const rows = await db.$queryRaw<Row[]>`
    SELECT p.id, p.slug, p.title, p.published_at, p.reading_minutes, u.name AS author_name,
           ts_headline('english',
             p.excerpt || ' ' || regexp_replace(p.body, '[#*_>\`\\[\\]|]+', ' ', 'g'),
             q, ${`StartSel=${START}, StopSel=${STOP}, MaxWords=40, MinWords=18, MaxFragments=2, FragmentDelimiter=" … "`}
           ) AS headline
      FROM posts p
      JOIN users u ON u.id = p.author_id,
           websearch_to_tsquery('english', ${query}) q
     WHERE p.search @@ q
       AND p.status IN ('PUBLISHED', 'SCHEDULED') AND p.published_at <= now() AND p.deleted_at IS NULL
     ORDER BY ts_rank_cd(p.search, q) DESC, p.published_at DESC, p.id DESC
     LIMIT ${limit}`;
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    publishedAt: r.published_at.toISOString(),
    readingMinutes: r.reading_minutes,
    authorName: r.author_name ?? 'Anonymous',
    snippet: splitSnippet(r.headline),
  }));
}
