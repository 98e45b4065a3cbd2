import 'server-only';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { readRunReport, type RunReport } from '@/lib/import/run-report';
import { enqueueImportRun } from '@/lib/dal/enqueue-jobs';
import { refuse, type Refused } from './result';

// Imports started from /admin/import, admins only (checked here, in every function that an
// admin's request reaches). The upload is stored with its run (several instances may run:
// the job may run on another one) and a job is added in the same transaction; the job
// (lib/import/run-job.ts) reads the file, imports it, and deletes it.

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
const ACTIVE: RunStatus[] = ['queued', 'running'];

export type ImportRunView = {
  id: string;
  status: RunStatus;
  fileName: string;
  dryRun: boolean;
  done: number;
  total: number;
  error: string | null;
  report: RunReport | null;
  createdAt: Date;
  finishedAt: Date | null;
};

export type StartResult = { ok: true; runId: string } | Refused<'adminsImport' | 'importRunning'>;

/** A run writes its progress every 0.5 s while it imports: an hour without is a run nobody runs. */
const STALE_MS = 60 * 60 * 1000;

/** Serializes starts: two uploads at once cannot both see "nothing running". */
const START_LOCK = "hashtext('quire:import-run')::bigint";

export async function startImportRun(actor: Actor | null, upload: { fileName: string; bytes: Uint8Array; dryRun: boolean }): Promise<StartResult> {
  if (!actor || !isAdmin(actor)) return refuse(403, 'adminsImport');
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe(`SELECT 1 AS locked FROM pg_advisory_xact_lock(${START_LOCK})`);
    // A run its job left behind (the process died, and graphile-worker's retry is hours away or
    // spent) would refuse every import for good: one with no progress for STALE_MS ends as failed.
    await tx.importRun.updateMany({
      where: { status: { in: ACTIVE }, updatedAt: { lt: new Date(Date.now() - STALE_MS) } },
      data: { status: 'failed', error: 'stopped: no progress for an hour (the server running it stopped); upload the file again', finishedAt: new Date() },
    });
    const running = await tx.importRun.findFirst({ where: { status: { in: ACTIVE } }, select: { fileName: true } });
    if (running) return refuse(409, 'importRunning', { detail: running.fileName });
    const run = await tx.importRun.create({ data: { status: 'queued', fileName: upload.fileName, dryRun: upload.dryRun, createdBy: actor.id }, select: { id: true } });
    await tx.importFile.create({ data: { runId: run.id, data: upload.bytes as Uint8Array<ArrayBuffer> } });
    await enqueueImportRun(tx, run.id);
    return { ok: true as const, runId: run.id };
  });
}

const viewSelect = { id: true, status: true, fileName: true, dryRun: true, done: true, total: true, error: true, report: true, createdAt: true, finishedAt: true } as const;

type Row = { id: string; status: string; fileName: string; dryRun: boolean; done: number; total: number; error: string | null; report: unknown; createdAt: Date; finishedAt: Date | null };

function toView(row: Row): ImportRunView {
  const status = (RUN_STATUSES as readonly string[]).includes(row.status) ? (row.status as RunStatus) : 'failed';
  return { ...row, status, report: readRunReport(row.report) };
}

/** One run, for admins only (null for anyone else, and for no such run). */
export async function getImportRun(actor: Actor | null, id: string): Promise<ImportRunView | null> {
  if (!isAdmin(actor)) return null;
  const row = await db.importRun.findUnique({ where: { id }, select: viewSelect });
  return row ? toView(row) : null;
}

export type RunProgress = Pick<ImportRunView, 'id' | 'status' | 'done' | 'total' | 'error'>;

/** What the progress poll needs: no report (it may be large). */
export async function getImportRunProgress(actor: Actor | null, id: string): Promise<RunProgress | null> {
  if (!isAdmin(actor)) return null;
  const row = await db.importRun.findUnique({ where: { id }, select: { id: true, status: true, done: true, total: true, error: true } });
  if (!row) return null;
  return { ...row, status: (RUN_STATUSES as readonly string[]).includes(row.status) ? (row.status as RunStatus) : 'failed' };
}

export type RunSummary = Pick<ImportRunView, 'id' | 'status' | 'fileName' | 'dryRun' | 'createdAt'>;

/** The latest runs, newest first, for the list on /admin/import (admins only). */
export async function getRecentImportRuns(actor: Actor | null, take = 10): Promise<RunSummary[] | null> {
  if (!isAdmin(actor)) return null;
  const rows = await db.importRun.findMany({ orderBy: { createdAt: 'desc' }, take, select: { id: true, status: true, fileName: true, dryRun: true, createdAt: true } });
  return rows.map((r) => ({ ...r, status: (RUN_STATUSES as readonly string[]).includes(r.status) ? (r.status as RunStatus) : 'failed' }));
}
