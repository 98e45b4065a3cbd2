import 'server-only';
import { env } from '@/lib/env';
import { Prisma } from '@/lib/generated/prisma/client';
import { enqueueIndexNow } from '@/lib/dal/enqueue-jobs';
import { liveSql } from '@/lib/live-posts.mjs';
import { postPath } from '@/lib/site-url';

// Which writes tell IndexNow (in the data layer: it reads the post in the write's own
// transaction). A post's writes (lib/dal/admin-posts.ts) take what a crawler
// sees of it before and after, in their transaction, and queue a ping (the job commits
// with the write, or not at all) when that changed and the post was or is public: a
// publish, an edit of a public post, an unpublish, the trash, a restore. A draft's edits
// and a save that changes nothing send nothing. Without INDEXNOW_KEY none of this runs.

type Tx = Pick<Prisma.TransactionClient, '$executeRaw' | '$queryRaw'>;

/** The post as crawlers see it: its address, whether readers can see it now, and a digest of all they see. */
export type CrawlerView = { slug: string; visible: boolean; digest: string };

/** What crawlers see of the post now; null without INDEXNOW_KEY (nothing to compare) or for no such post. */
export async function crawlerView(tx: Tx, postId: string): Promise<CrawlerView | null> {
  if (!env().INDEXNOW_KEY) return null;
  // md5 here only tells "changed" from "same" without shipping the body twice; ROW(...)::text
  // keeps NULL and '' apart. The status is in it raw: a scheduled post becoming PUBLISHED is news.
  const rows = await tx.$queryRaw<CrawlerView[]>`
    SELECT p.slug,
           (${Prisma.raw(liveSql('p'))}) AS visible,
           md5(ROW(p.title, p.slug, p.excerpt, p.body, p.cover_image, p.cover_alt, p.seo_title, p.seo_description,
                   p.author_id, p.status, p.published_at, p.deleted_at IS NULL,
                   (SELECT array_agg(c.category_id ORDER BY c.category_id) FROM post_categories c WHERE c.post_id = p.id),
                   (SELECT array_agg(t.tag_id ORDER BY t.tag_id) FROM post_tags t WHERE t.post_id = p.id))::text) AS digest
      FROM posts p WHERE p.id = ${postId}`;
  return rows[0] ?? null;
}

/** Queues the ping when what crawlers see of the post changed since `before` (crawlerView at the start of the transaction). */
export async function notifyCrawlers(tx: Tx, postId: string, before: CrawlerView | null): Promise<void> {
  if (!before) return;
  const after = await crawlerView(tx, postId);
  if (!after || after.digest === before.digest) return;
  // The old address too when it moved: crawlers learn it now redirects (or is gone).
  const paths = new Set<string>();
  if (before.visible) paths.add(postPath(before.slug));
  if (after.visible) paths.add(postPath(after.slug));
  if (paths.size > 0) await enqueueIndexNow(tx, postId, [...paths]);
}

/** Scheduled posts that just became PUBLISHED (lib/dal/admin-posts.ts publishDuePosts). */
export async function notifyCrawlersOfPublished(tx: Tx, posts: { id: string; slug: string }[]): Promise<void> {
  if (!env().INDEXNOW_KEY) return;
  for (const post of posts) await enqueueIndexNow(tx, post.id, [postPath(post.slug)]);
}

/** The most addresses one job sends (its payload's limit, lib/validations/job-payloads.ts; IndexNow takes 10,000). */
const IMPORT_PING_PATHS = 1000;

/**
 * An import's posts that readers can see now (`slugs`: the posts it wrote), a ping per
 * IMPORT_PING_PATHS addresses, queued in the import's transaction: a moved blog's posts have
 * new addresses crawlers should learn. Scheduled ones ping when their time comes.
 */
export async function notifyCrawlersOfImported(tx: Tx, slugs: string[], now = new Date()): Promise<void> {
  if (!env().INDEXNOW_KEY || slugs.length === 0) return;
  const rows = await tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM posts
     WHERE slug = ANY(${slugs}::text[]) AND ${Prisma.raw(liveSql())}
     ORDER BY slug`;
  for (let i = 0; i < rows.length; i += IMPORT_PING_PATHS) {
    const paths = rows.slice(i, i + IMPORT_PING_PATHS).map((r) => postPath(r.slug));
    await enqueueIndexNow(tx, `import-${now.getTime()}-${i / IMPORT_PING_PATHS}`, paths, now);
  }
}
