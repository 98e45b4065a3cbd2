import pg from 'pg';

// The job queue as the tests see it: graphile-worker's rows (its public `jobs` view has no
// payload, so this reads its tables), and a worker run until the queue is drained.

export type QueuedJob = {
  id: string;
  task: string;
  payload: Record<string, unknown>;
  runAt: Date;
  key: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** Set while a worker runs it. */
  lockedAt: Date | null;
};

/** Jobs of `task` still in the queue (waiting, retrying or failed for good), oldest first. */
export async function queuedJobs(db: pg.Pool, task: string): Promise<QueuedJob[]> {
  const { rows } = await db.query<QueuedJob>(
    `SELECT j.id::text AS id, t.identifier AS task, j.payload, j.run_at AS "runAt", j.key, j.attempts, j.max_attempts AS "maxAttempts", j.last_error AS "lastError", j.locked_at AS "lockedAt"
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier = $1 ORDER BY j.id`,
    [task],
  );
  return rows;
}

/** Jobs of `task` whose payload has `field` = `value`. */
export async function jobsFor(db: pg.Pool, task: string, field: string, value: string): Promise<QueuedJob[]> {
  return (await queuedJobs(db, task)).filter((j) => j.payload[field] === value);
}

/** Deletes every queued job (a test that counts jobs starts from none). */
export async function clearJobs(db: pg.Pool): Promise<void> {
  await db.query('DELETE FROM graphile_worker._private_jobs');
}

/**
 * Runs every job of `tasks` that is due now, with the app's own task code, then returns
 * (graphile-worker's runOnce). Only those tasks: jobs other test files left in the shared
 * test database stay where they are.
 */
export async function runDueJobs(tasks: string[]): Promise<void> {
  const { runOnce, Logger } = await import('graphile-worker');
  const { taskList } = await import('../../../lib/jobs/tasks');
  const all = taskList();
  const only = Object.fromEntries(tasks.map((t) => [t, all[t]]).filter(([, fn]) => fn));
  await runOnce({ connectionString: process.env.DATABASE_URL, taskList: only, logger: new Logger(() => () => {}) });
}
