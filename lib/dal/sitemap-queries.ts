import 'server-only';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import type { PostKey, PostUrlRow, SitemapChild, SitemapIndexData, TermKind, TermUrlRow } from '@/lib/sitemap/types';
import { liveSql } from '@/lib/live-posts.mjs';

// The sitemap's reads, uncached (lib/dal/sitemap.ts caches them; the integration test
// calls them directly). Posts are split into children of `pageSize` in the order
// (published_at, id), oldest first, so a new post lands in the last child and older
// children keep their lastmod; categories and tags by slug. The index query reads every
// key once in the database but returns one row per child; a child is then read in keyset
// chunks from its first key, so no query ever returns more than a chunk.

const PUBLISHED = Prisma.raw(liveSql('p'));

const TERM_TABLES = {
  category: { terms: Prisma.raw('categories'), links: Prisma.raw('post_categories'), key: Prisma.raw('category_id') },
  tag: { terms: Prisma.raw('tags'), links: Prisma.raw('post_tags'), key: Prisma.raw('tag_id') },
} as const;

type ChildRow<K> = { page: number; urls: number; lastmod: Date; from: K };

function toChild<K>(row: ChildRow<K>): SitemapChild<K> {
  return { page: row.page, urls: row.urls, lastmod: row.lastmod.toISOString(), from: row.from };
}

/** The posts' children: one row per `pageSize` live posts, read from posts_sitemap_idx alone (the plan test checks it). */
export function postChildrenSql(pageSize: number): Prisma.Sql {
  return Prisma.sql`
    WITH ranked AS (
      SELECT p.id, p.published_at, p.updated_at, row_number() OVER (ORDER BY p.published_at, p.id) - 1 AS rn
        FROM posts p WHERE ${PUBLISHED}
    ), grouped AS (
      SELECT id, published_at, updated_at, rn / ${pageSize}::int AS grp, rn % ${pageSize}::int = 0 AS first FROM ranked
    )
    SELECT grp::int + 1 AS page, count(*)::int AS urls, max(updated_at) AS lastmod,
           min(published_at) AS "fromAt", min(id) FILTER (WHERE first) AS "fromId"
      FROM grouped GROUP BY grp ORDER BY grp`;
}

async function postChildren(pageSize: number): Promise<SitemapChild<PostKey>[]> {
  const rows = await db.$queryRaw<{ page: number; urls: number; lastmod: Date; fromAt: Date; fromId: string }[]>(postChildrenSql(pageSize));
  return rows.map((r) => toChild({ ...r, from: { at: r.fromAt.toISOString(), id: r.fromId } }));
}

async function termChildren(kind: TermKind, pageSize: number): Promise<SitemapChild<string>[]> {
  const t = TERM_TABLES[kind];
  const rows = await db.$queryRaw<ChildRow<string>[]>`
    WITH terms AS (
      SELECT t.slug, max(p.updated_at) AS lastmod
        FROM ${t.terms} t JOIN ${t.links} l ON l.${t.key} = t.id JOIN posts p ON p.id = l.post_id
       WHERE ${PUBLISHED}
       GROUP BY t.slug
    ), grouped AS (
      SELECT slug, lastmod, (row_number() OVER (ORDER BY slug) - 1) / ${pageSize}::int AS grp FROM terms
    )
    SELECT grp::int + 1 AS page, count(*)::int AS urls, max(lastmod) AS lastmod, min(slug) AS "from"
      FROM grouped GROUP BY grp ORDER BY grp`;
  return rows.map(toChild);
}

/** How the sitemap splits into children of at most `pageSize` URLs, with each child's lastmod. */
export async function readSitemapIndex(pageSize: number): Promise<SitemapIndexData> {
  const [posts, categories, tags] = await Promise.all([postChildren(pageSize), termChildren('category', pageSize), termChildren('tag', pageSize)]);
  const newest = posts.reduce<string | null>((max, c) => (max === null || c.lastmod > max ? c.lastmod : max), null);
  return { newest, posts, categories, tags };
}

/** Up to `limit` published posts from `from` on (inclusive or not), in sitemap order. */
export async function readSitemapPosts(from: PostKey, inclusive: boolean, limit: number): Promise<PostUrlRow[]> {
  const op = inclusive ? Prisma.sql`>=` : Prisma.sql`>`;
  const rows = await db.$queryRaw<{ id: string; slug: string; publishedAt: Date; updatedAt: Date; coverImage: string | null }[]>`
    SELECT p.id, p.slug, p.published_at AS "publishedAt", p.updated_at AS "updatedAt", p.cover_image AS "coverImage"
      FROM posts p
     WHERE ${PUBLISHED} AND (p.published_at, p.id) ${op} (${from.at}::timestamptz AT TIME ZONE 'UTC', ${from.id})
     ORDER BY p.published_at, p.id
     LIMIT ${limit}`;
  return rows.map((r) => ({
    key: { at: r.publishedAt.toISOString(), id: r.id },
    slug: r.slug,
    lastmod: r.updatedAt.toISOString(),
    coverImage: r.coverImage,
  }));
}

/** Up to `limit` categories or tags with a published post, from slug `from` on, with their newest post's update. */
export async function readSitemapTerms(kind: TermKind, from: string, inclusive: boolean, limit: number): Promise<TermUrlRow[]> {
  const t = TERM_TABLES[kind];
  const op = inclusive ? Prisma.sql`>=` : Prisma.sql`>`;
  const rows = await db.$queryRaw<{ slug: string; lastmod: Date }[]>`
    SELECT t.slug, m.lastmod
      FROM ${t.terms} t
      CROSS JOIN LATERAL (
        SELECT max(p.updated_at) AS lastmod FROM ${t.links} l JOIN posts p ON p.id = l.post_id
         WHERE l.${t.key} = t.id AND ${PUBLISHED}
      ) m
     WHERE t.slug ${op} ${from} AND m.lastmod IS NOT NULL
     ORDER BY t.slug
     LIMIT ${limit}`;
  return rows.map((r) => ({ slug: r.slug, lastmod: r.lastmod.toISOString() }));
}
