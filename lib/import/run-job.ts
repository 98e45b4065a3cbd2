import 'server-only';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { env } from '@/lib/env';
import { isQuireArchive, parseArchive } from '@/lib/export/archive';
import { ImportFileError } from './errors';
import { loadExports } from './load';
import { workOf } from './report';
import { importRunReportOf, type RunReport } from './run-report';
import { isZip, unzipTo } from './zip';
import { claimImportRun, finishImportRun, setImportRunProgress } from '@/lib/dal/import-run-state';
import { importBundles } from '@/lib/dal/imports';
import { restoreArchive, SiteNotEmptyError } from '@/lib/dal/restore';
import { importWithLocalImages } from './store-images';

// The body of the import_run job (lib/jobs/tasks.ts): the stored upload of /admin/import
// imported as `npm run import` would (the same loaders, importBundles, restoreArchive and
// report), with progress written to the run's row for the page to show. Every failure
// ends the run as "failed" with one line (the loaders' ImportFileError for a bad file),
// and nothing is written: importBundles and restoreArchive are one transaction each.

/** After a real import: the pages it touched (cache tags), or every page after a restore. */
export type Refresh = (what: { tags: string[] } | { all: true }) => Promise<void>;

/** Progress is written at most this often (each write is an UPDATE outside the import's transaction). */
const PROGRESS_MS = 500;

type Outcome = { report: RunReport; refresh: { tags: string[] } | { all: true } | null; total: number };

export async function runImportJob(runId: string, refresh: Refresh): Promise<void> {
  const run = await claimImportRun(runId);
  // Gone, or ended already (a retried job whose first attempt finished): nothing to do.
  if (!run) return;
  if (!run.bytes) return finishImportRun(runId, { status: 'failed', error: `${run.fileName}: the uploaded file is gone; upload it again` });
  const dir = await mkdtemp(path.join(tmpdir(), 'quire-import-'));
  let outcome: Outcome;
  try {
    outcome = await importFile({ runId, dir, fileName: run.fileName, bytes: run.bytes, dryRun: run.dryRun, createdBy: run.createdBy });
  } catch (error) {
    const known = error instanceof ImportFileError || error instanceof SiteNotEmptyError;
    if (!known) console.error(`import ${runId}:`, error);
    const message = error instanceof Error ? error.message : String(error);
    return finishImportRun(runId, { status: 'failed', error: known ? message : `the import failed: ${message.split('\n')[0]}` });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await finishImportRun(runId, { status: 'done', report: outcome.report, done: outcome.total, total: outcome.total });
  if (!outcome.refresh) return;
  // The content is in; a site that does not answer shows it once its pages expire.
  await refresh(outcome.refresh).catch((error: unknown) => console.error(`import ${runId}: pages not refreshed: ${error instanceof Error ? error.message : String(error)}`));
}

type Upload = { runId: string; dir: string; fileName: string; bytes: Buffer; dryRun: boolean; createdBy: string | null };

async function importFile({ runId, dir, fileName, bytes, dryRun, createdBy }: Upload): Promise<Outcome> {
  const { IMPORT_MAX_UNZIPPED_MB } = env();
  const zipped = isZip(bytes);
  if (zipped) {
    // The folder is named as the upload, so errors read "site.zip/_posts/x.md:3:1: …".
    await unzipTo(fileName, bytes, path.join(dir, fileName), { maxBytes: IMPORT_MAX_UNZIPPED_MB * 1024 * 1024, maxEntries: 100_000 });
  } else {
    const head = bytes.subarray(0, 256).toString('utf8');
    if (isQuireArchive(head)) return restore(runId, fileName, bytes, dryRun);
    await writeFile(path.join(dir, fileName), bytes);
  }
  const { bundles, ignored } = await loadExports(fileName, { pages: 'skip', cwd: dir });
  if (bundles.length === 0) throw new ImportFileError(fileName, null, 'no export found (WordPress WXR, Ghost JSON, Disqus XML, Markdown with front matter)');
  const total = workOf(bundles);
  await setImportRunProgress(runId, null, total);
  const progress = progressWriter(runId);
  // Only a folder (a .zip) can hold images beside its posts.
  const report = zipped ? await importWithLocalImages(path.join(dir, fileName), bundles, { dryRun, createdBy, onProgress: progress.tick }) : await importBundles(bundles, { dryRun, onProgress: progress.tick });
  await progress.flush();
  const refresh = !dryRun && report.tags.length > 0 ? { tags: report.tags } : null;
  return { report: importRunReportOf(bundles, report, { dryRun, ignored }), refresh, total };
}

async function restore(runId: string, fileName: string, bytes: Buffer, dryRun: boolean): Promise<Outcome> {
  if (dryRun) throw new ImportFileError(fileName, null, 'dry run: a Quire archive is restored whole into an empty site or not at all, there is nothing to preview');
  const archive = parseArchive(fileName, bytes.toString('utf8'));
  const progress = progressWriter(runId);
  const counts = await restoreArchive(fileName, archive, { onProgress: progress.tick });
  await progress.flush();
  const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(', ');
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return { report: { kind: 'restore', text: `Restored the Quire archive of ${archive.header.exportedAt}: ${summary || 'an empty site'}.` }, refresh: { all: true }, total };
}

/** onProgress is synchronous: writes are chained, one at a time, at most every PROGRESS_MS. */
function progressWriter(runId: string) {
  let chain: Promise<unknown> = Promise.resolve();
  let last = 0;
  const write = (done: number, total: number) => {
    chain = chain.then(() => setImportRunProgress(runId, done, total)).catch(() => {});
  };
  let latest: [number, number] = [0, 0];
  return {
    tick: (done: number, total: number) => {
      latest = [done, total];
      const now = Date.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      write(done, total);
    },
    flush: async () => {
      write(...latest);
      await chain;
    },
  };
}
