import path from 'node:path';
import type pg from 'pg';
import type { ImportReport } from '../../../lib/import/report';
import type { LoadOptions } from '../../../lib/import/load';
import { scratchDatabase } from './scratch-database';

// Imports real exports of other platforms (tests/fixtures/import: byte-exact copies, its
// SOURCES.md says where each is from) through the same functions `npm run import` uses, and
// reads back what they made.

// The runner starts in the project's folder (scripts/test.mjs).
export const FIXTURES = path.resolve(process.cwd(), 'tests', 'fixtures', 'import');

export const fixture = (name: string) => path.join(FIXTURES, name);

export async function importPath(target: string, options: Partial<LoadOptions> & { dryRun?: boolean } = {}): Promise<ImportReport> {
  const { loadExports } = await import('../../../lib/import/load');
  const { importBundles } = await import('../../../lib/dal/imports');
  const { bundles } = await loadExports(target, { pages: options.pages ?? 'skip', ...(options.source ? { source: options.source } : {}) });
  return importBundles(bundles, { dryRun: options.dryRun ?? false });
}

/** The Quire id of what `sourceId` of `source` became. */
export async function target(db: pg.Pool, source: string, kind: string, sourceId: string): Promise<string> {
  const { rows } = await db.query<{ target_id: string }>('SELECT target_id FROM import_sources WHERE source = $1 AND kind = $2 AND source_id = $3', [source, kind, sourceId]);
  if (!rows[0]) throw new Error(`nothing imported from ${source} ${kind} ${sourceId}`);
  return rows[0].target_id;
}

/** Row counts of the tables an import writes, to prove a failed or dry run wrote nothing. */
export async function tableCounts(db: pg.Pool): Promise<Record<string, number>> {
  const tables = ['posts', 'comments', 'users', 'categories', 'tags', 'post_tags', 'post_categories', 'post_revisions', 'import_sources', 'legacy_paths'];
  const out: Record<string, number> = {};
  for (const table of tables) out[table] = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);
  return out;
}

/**
 * A freshly migrated database of this test file's own, made DATABASE_URL of this process
 * (the data layer connects on first import, so call it before). Imports make many posts,
 * users and terms; in the run's shared database they would change what other test files
 * count, and those files' rows would change what these count.
 */
export async function ownDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const scratch = await scratchDatabase('import');
  process.env.DATABASE_URL = scratch.url;
  return scratch;
}
