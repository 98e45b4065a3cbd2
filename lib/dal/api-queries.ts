import 'server-only';
import { db } from '@/lib/db';
import { absoluteUrls } from '@/lib/feeds/html';
import { Prisma } from '@/lib/generated/prisma/client';
import { renderMarkdownWith } from '@/lib/markdown';
import type { ApiCommentOrder, Cursor } from '@/lib/validations/api';
import { SHOWN_THREAD, threadsOf, type ThreadComment } from './comments';
import { liveWhere } from '@/lib/live-posts.mjs';

// The read API's own queries, uncached (lib/dal/api.ts caches them; the integration tests
// call these directly). Everything else the API shows comes from the pages' cached reads.

export type PostBody = { id: string; markdown: string; html: string };

/**
 * A published post's markdown source and its HTML with every address absolute (rendered
 * as for the feeds: `pageUrl` is the post's address), or null when readers cannot see it.
 */
export async function readPostBody(slug: string, pageUrl: string): Promise<PostBody | null> {
  const row = await db.post.findFirst({ where: { slug, ...liveWhere() }, select: { id: true, body: true } });
  return row && { id: row.id, markdown: row.body, html: await renderMarkdownWith(row.body, absoluteUrls(pageUrl)) };
}

export type ThreadPage = { threads: ThreadComment[]; next: Cursor | null };

/**
 * One keyset page of a post's public threads: `limit` top-level comments after `cursor` in
 * `order`, each with its replies (oldest first). The same rule as the post page decides
 * what shows (lib/dal/comments.ts SHOWN_THREAD): held comments never; hidden or deleted
 * ones only as empty placeholders that keep a visible reply in its place.
 * The (post_id, depth, created_at, id, status) index gives the page in either order.
 */
export async function readThreadPage(postId: string, order: ApiCommentOrder, cursor: Cursor | null, limit: number): Promise<ThreadPage> {
  const newest = order === 'newest';
  const after = cursor
    ? newest
      ? Prisma.sql`AND (c.created_at, c.id) < (${new Date(cursor.publishedAt)}, ${cursor.id})`
      : Prisma.sql`AND (c.created_at, c.id) > (${new Date(cursor.publishedAt)}, ${cursor.id})`
    : Prisma.empty;
  const sort = newest ? Prisma.sql`c.created_at DESC, c.id DESC` : Prisma.sql`c.created_at ASC, c.id ASC`;
  const ids = await db.$queryRaw<{ id: string; created_at: Date }[]>`
    SELECT c.id, c.created_at FROM comments c
     WHERE c.post_id = ${postId} AND c.depth = 0 AND ${SHOWN_THREAD} ${after}
     ORDER BY ${sort} LIMIT ${limit + 1}`;
  const page = ids.slice(0, limit);
  const last = page[page.length - 1];
  const next = last && ids.length > limit ? { publishedAt: last.created_at.toISOString(), id: last.id } : null;
  if (page.length === 0) return { threads: [], next: null };
  return { threads: await threadsOf(page.map((r) => r.id)), next };
}
