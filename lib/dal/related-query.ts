import 'server-only';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { liveSql } from '@/lib/live-posts.mjs';

// "Related posts" under a post: the posts that share its tags and categories first (a shared
// tag counts twice, a shared category once: tags are the narrower label), then, among equals
// and for a post with no taxonomy in common with any other, the posts whose search document
// matches the words of its title, by ts_rank_cd (the search's tsvector and GIN index, no
// extension). Only published, live, untrashed posts, never the post itself. Uncached: the
// post page reads it through lib/dal/related.ts; the integration tests call it directly.

/** Posts shown. */
export const RELATED_COUNT = 3;
/**
 * The bounds that keep a render's cost flat on a large site, where one tag or category may
 * cover thousands of posts (bench/README.md, "Related posts at scale"): of each shared tag or
 * category, the RELATED_TERM_SAMPLE posts of highest id (Quire's ids are cuids, which begin
 * with their creation time: the latest written), read from the link table's index alone;
 * of those, the RELATED_TERM_SCORED best scored are checked for visibility and date; of
 * those, the RELATED_TERM_CANDIDATES best scored and newest are ranked by text.
 */
export const RELATED_TERM_SAMPLE = 500;
export const RELATED_TERM_SCORED = 200;
export const RELATED_TERM_CANDIDATES = 50;
/** The newest posts matching the title's words, ranked when taxonomy finds too few. */
export const RELATED_TEXT_CANDIDATES = 100;
/** Title words in the text query (a title is short; this only bounds a pathological one). */
const MAX_QUERY_WORDS = 16;

export type Related = {
  /** Post ids, best first. */
  ids: string[];
  /**
   * The cache tags the related block is stored under, so the writes that change what it
   * shows invalidate it: the list tag (every publish, unpublish, trash, restore, retitle and
   * taxonomy change returns it) and each shown post's page tag.
   */
  tags: string[];
};

type Row = { id: string; slug: string };

export async function queryRelatedPosts(postId: string): Promise<Related> {
  const [me] = await db.$queryRaw<{ query: string | null }[]>(textQuerySql(postId));
  const rows = await db.$queryRaw<Row[]>(relatedSql(postId, me?.query ?? null));
  return { ids: rows.map((r) => r.id), tags: [TAGS.posts, ...rows.map((r) => TAGS.post(r.slug))] };
}

const VISIBLE = Prisma.raw(liveSql('p'));

/**
 * The text query of a post: its title's own lexemes (posts.title_search: stemmed, stop words
 * gone) OR'ed, each quoted so no character of a lexeme can be read as tsquery syntax; null
 * for a title of stop words only.
 */
export function textQuerySql(postId: string): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT string_agg('''' || replace(replace(w.lexeme, '\\', '\\\\'), '''', '''''') || '''', ' | ')
              FROM (SELECT lexeme FROM unnest(me.title_search) LIMIT ${MAX_QUERY_WORDS}) w) AS query
      FROM posts me WHERE me.id = ${postId}`;
}

/**
 * The statement behind queryRelatedPosts; the plan test EXPLAINs it as it is. The text query
 * is a value, not a subquery, written out in each place, so the planner sees its words and
 * can tell a common one (walk the date index) from a rare one (bitmap on GIN), as search does.
 */
export function relatedSql(postId: string, textQuery: string | null): Prisma.Sql {
  return Prisma.sql`
    WITH shared AS (
      -- Each term's posts from its link-table index alone, at most RELATED_TERM_SAMPLE of them.
      SELECT s.post_id, sum(s.weight)::int AS score FROM (
        SELECT t.post_id, 2 AS weight FROM post_tags mine CROSS JOIN LATERAL (
          SELECT pt.post_id FROM post_tags pt WHERE pt.tag_id = mine.tag_id ORDER BY pt.post_id DESC LIMIT ${RELATED_TERM_SAMPLE}
        ) t WHERE mine.post_id = ${postId}
        UNION ALL
        SELECT c.post_id, 1 FROM post_categories mine CROSS JOIN LATERAL (
          SELECT pc.post_id FROM post_categories pc WHERE pc.category_id = mine.category_id ORDER BY pc.post_id DESC LIMIT ${RELATED_TERM_SAMPLE}
        ) c WHERE mine.post_id = ${postId}
      ) s
       WHERE s.post_id <> ${postId}
       GROUP BY s.post_id
       ORDER BY score DESC, s.post_id DESC
       LIMIT ${RELATED_TERM_SCORED}
    ), by_terms AS (
      SELECT p.id, s.score FROM shared s JOIN posts p ON p.id = s.post_id
       WHERE ${VISIBLE}
       ORDER BY s.score DESC, p.published_at DESC, p.id DESC
       LIMIT ${RELATED_TERM_CANDIDATES}
    ), by_text AS (
      -- Only when taxonomy finds fewer than three: a one-time filter, no scan otherwise.
      SELECT p.id, 0 AS score FROM posts p
       WHERE (SELECT count(*) FROM by_terms) < ${RELATED_COUNT}
         AND p.search @@ ${textQuery}::tsquery AND p.id <> ${postId} AND ${VISIBLE}
       ORDER BY p.published_at DESC, p.id DESC
       LIMIT ${RELATED_TEXT_CANDIDATES}
    ), candidates AS (
      SELECT id, max(score) AS score FROM (SELECT id, score FROM by_terms UNION ALL SELECT id, score FROM by_text) c GROUP BY id
    )
    SELECT p.id, p.slug
      FROM candidates c JOIN posts p ON p.id = c.id
     ORDER BY c.score DESC, coalesce(ts_rank_cd(p.search, ${textQuery}::tsquery), 0) DESC, p.published_at DESC, p.id DESC
     LIMIT ${RELATED_COUNT}`;
}
