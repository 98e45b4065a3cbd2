import 'server-only';
import { z } from 'zod';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { emptyReport, workOf, type ImportReport } from '@/lib/import/report';
import type { ImportBundle } from '@/lib/import/types';
import { flushRemembered, loadKnown, type ImportContext, type Tx } from './import-context';
import { importComments } from './import-comments';
import { fallbackAuthor, importAuthor } from './import-people';
import { importCategory, importPosts } from './import-posts';
import { notifyCrawlersOfImported } from './indexnow-changes';

// Writes parsed exports (lib/import) into the site in ONE transaction: a failure anywhere
// leaves the database as it was, and a dry run is the same work rolled back, so its report
// is exactly what a real run would do. What came from where is kept in import_sources, so
// running the same files again creates nothing. For operators (`npm run import`, with
// database access): there is no acting user to check, as for `npm run user`.

export type ImportOptions = { dryRun?: boolean; onProgress?: (done: number, total: number) => void; now?: Date };

class DryRun extends Error {}

// One transaction for the whole import: 10,000 posts take minutes, not Prisma's default 5 s.
const TRANSACTION = { maxWait: 30_000, timeout: 6 * 60 * 60 * 1000 };

const maxDepthSchema = z.number().int().min(1).max(6).catch(3);

export async function importBundles(bundles: ImportBundle[], options: ImportOptions = {}): Promise<ImportReport> {
  const report = emptyReport();
  for (const bundle of bundles) report.skipped.push(...bundle.skipped);
  const total = workOf(bundles);
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);
  try {
    await db.$transaction(async (tx) => {
      // Two imports at once would both decide the same record is new.
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(hashtext('quire:import')::bigint)`;
      const setting = await tx.setting.findUnique({ where: { key: 'commentMaxDepth' }, select: { value: true } });
      const maxDepth = maxDepthSchema.parse(setting?.value ?? 3);
      const tagsBefore = await tx.tag.count();
      const tags = new Set<string>();
      for (const bundle of bundles) {
        const ctx: ImportContext = { tx, source: bundle.source, known: await loadKnown(tx, bundle.source), report, tags, people: new Map(), pending: [], maxDepth, tick, now: options.now ?? new Date() };
        await importBundle(ctx, bundle);
        await flushRemembered(ctx);
      }
      report.created.tags = (await tx.tag.count()) - tagsBefore;
      report.tags = [...tags].sort();
      if (options.dryRun) throw new DryRun();
      const postTag = TAGS.post('');
      await notifyCrawlersOfImported(tx, report.tags.filter((t) => t.startsWith(postTag)).map((t) => t.slice(postTag.length)), options.now);
    }, TRANSACTION);
  } catch (error) {
    if (!(error instanceof DryRun)) throw error;
  }
  return report;
}

async function importBundle(ctx: ImportContext, bundle: ImportBundle): Promise<void> {
  const authors = new Map<string, string>();
  for (const author of bundle.authors) {
    authors.set(author.sourceId, await importAuthor(ctx, author));
    ctx.tick();
  }
  const categories = new Map<string, string>();
  for (const category of bundle.categories) {
    categories.set(category.sourceId, await importCategory(ctx, category));
    ctx.tick();
  }
  let fallback: string | null = null;
  const posts = [];
  for (const post of bundle.posts) {
    const authorId = (post.authorRef && authors.get(post.authorRef)) || (fallback ??= await fallbackAuthor(ctx));
    const categoryIds = post.categoryRefs.map((ref) => categories.get(ref)).filter((id): id is string => !!id);
    posts.push({ post, authorId, categoryIds: [...new Set(categoryIds)] });
  }
  const postIds = await importPosts(ctx, posts);
  await importComments(ctx, bundle.comments, postIds);
}

export type { Tx };
