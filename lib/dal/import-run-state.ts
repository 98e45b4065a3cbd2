import 'server-only';
import { db } from '@/lib/db';
import type { RunReport } from '@/lib/import/run-report';

// The import job's reads and writes of its own run (lib/import/run-job.ts): take the stored
// upload, note progress, end the run and delete the file. No viewer: the job runs what an
// admin started (lib/dal/import-runs.ts checked them then).

export type ClaimedRun = { fileName: string; dryRun: boolean; createdBy: string | null; bytes: Buffer | null };

/** The run and its upload, marked running; null when it is gone or has ended (a retried job whose first attempt finished). */
export async function claimImportRun(runId: string): Promise<ClaimedRun | null> {
  const run = await db.importRun.findUnique({ where: { id: runId }, select: { status: true, fileName: true, dryRun: true, createdBy: true, file: { select: { data: true } } } });
  if (!run || run.status === 'done' || run.status === 'failed') return null;
  const bytes = run.file ? Buffer.from(run.file.data.buffer, run.file.data.byteOffset, run.file.data.byteLength) : null;
  if (bytes) await db.importRun.update({ where: { id: runId }, data: { status: 'running', done: 0, updatedAt: new Date() } });
  return { fileName: run.fileName, dryRun: run.dryRun, createdBy: run.createdBy, bytes };
}

/** Notes how far the run is (an UPDATE outside the import's own transaction, so the page sees it). */
export async function setImportRunProgress(runId: string, done: number | null, total: number): Promise<void> {
  await db.importRun.update({ where: { id: runId }, data: { ...(done === null ? {} : { done }), total, updatedAt: new Date() } });
}

export type RunEnd = { status: 'done'; report: RunReport; done: number; total: number } | { status: 'failed'; error: string };

/** Ends the run and deletes its file: a run's upload is kept only while it may be needed. */
export async function finishImportRun(runId: string, end: RunEnd): Promise<void> {
  const now = new Date();
  const data = end.status === 'done' ? { status: 'done', report: end.report, done: end.done, total: end.total } : { status: 'failed', error: end.error.slice(0, 2000) };
  await db.$transaction([db.importRun.update({ where: { id: runId }, data: { ...data, finishedAt: now, updatedAt: now } }), db.importFile.deleteMany({ where: { runId } })]);
}
