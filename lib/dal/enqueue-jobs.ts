import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client';
import { TASKS, indexNowJobKey, publishJobKey, type AccountEmailPayload, type ReplyEmailPayload } from '@/lib/validations/job-payloads';

// Jobs are rows in graphile-worker's tables, added with its SQL function inside the
// transaction that makes the write they follow: a committed comment always has its reply
// email job, and a rolled-back one has none. Through PgBouncer in transaction mode too,
// since it is one statement of the transaction (only the worker needs a direct connection).

type Tx = Pick<Prisma.TransactionClient, '$executeRaw' | '$queryRaw'>;

type JobOptions = { runAt?: Date; key?: string; maxAttempts?: number; keyMode?: 'replace' | 'preserve_run_at' };

async function addJob(tx: Tx, task: string, payload: unknown, { runAt, key, maxAttempts, keyMode = 'replace' }: JobOptions = {}): Promise<void> {
  // Named arguments: add_job has defaults for all but the task, and a job_key replaces the
  // job of the same key that is not running yet (job_key_mode 'replace', the default;
  // 'preserve_run_at' keeps the waiting job's time).
  await tx.$executeRaw`SELECT graphile_worker.add_job(
    ${task}, ${JSON.stringify(payload)}::json,
    run_at => ${runAt ?? null}::timestamptz, job_key => ${key ?? null}::text, max_attempts => ${maxAttempts ?? null}::int,
    job_key_mode => ${keyMode}::text)`;
}

/** The email telling a comment's author about the reply `commentId`. */
export function enqueueReplyEmail(tx: Tx, payload: ReplyEmailPayload): Promise<void> {
  return addJob(tx, TASKS.replyEmail, payload);
}

/** A sign-up's confirmation link or "someone tried" email. */
export function enqueueAccountEmail(tx: Tx, payload: AccountEmailPayload): Promise<void> {
  return addJob(tx, TASKS.accountEmail, payload);
}

/**
 * Makes the post's publish job match the post as this transaction leaves it: scheduled
 * (and not in the trash) means one job at its time, anything else means none. Call it
 * last in every transaction that may change a post's status, time or trash state.
 */
export async function syncPublishJob(tx: Tx, postId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ due: Date | null }[]>`
    SELECT published_at AS due FROM posts WHERE id = ${postId} AND status = 'SCHEDULED' AND deleted_at IS NULL`;
  const due = rows[0]?.due;
  const key = publishJobKey(postId);
  if (due) await addJob(tx, TASKS.publishDue, { postId }, { runAt: due, key });
  else await tx.$executeRaw`SELECT graphile_worker.remove_job(${key}::text)`;
}

/** How long a post's IndexNow ping waits for more changes (the editor autosaves every few seconds). */
export const INDEXNOW_WAIT_MS = 30_000;

/**
 * Tells IndexNow, INDEXNOW_WAIT_MS after the post's first change, that `paths` changed. A
 * change while the job waits adds its paths to it and keeps its time; one while it runs
 * makes a new job. 12 attempts: about a day of retries (IndexNow answers 429 when busy).
 */
export function enqueueIndexNow(tx: Tx, postId: string, paths: string[], now = new Date()): Promise<void> {
  const runAt = new Date(now.getTime() + INDEXNOW_WAIT_MS);
  return addJob(tx, TASKS.indexNow, paths, { runAt, key: indexNowJobKey(postId), keyMode: 'preserve_run_at', maxAttempts: 12 });
}

/**
 * Runs the import `runId` (lib/import/run-job.ts). Two attempts: the job fails only when
 * the process running it dies (every error ends the run as "failed" instead), and then the
 * run, still "running" with its file kept, is taken again once graphile-worker frees it.
 */
export function enqueueImportRun(tx: Tx, runId: string): Promise<void> {
  return addJob(tx, TASKS.importRun, { runId }, { maxAttempts: 2 });
}
