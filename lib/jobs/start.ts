import 'server-only';
import { env } from '@/lib/env';
import { serverHooks } from '@/server/hooks.mjs';
import { startWorker } from './worker';

/**
 * Starts this process's job worker unless JOBS_WORKER=0 (a web-only instance: it still
 * enqueues, other instances run the jobs). Called once from instrumentation.ts; a graceful
 * stop (server/shutdown.mjs) stops it taking jobs at once and waits for those it runs.
 */
export async function startJobsFromEnv(): Promise<void> {
  const { JOBS_WORKER, JOBS_CONCURRENCY, DATABASE_DIRECT_URL, DATABASE_URL } = env();
  if (JOBS_WORKER === '0') return;
  let runner;
  try {
    runner = await startWorker({ connectionString: DATABASE_DIRECT_URL ?? DATABASE_URL, concurrency: JOBS_CONCURRENCY });
  } catch (error) {
    // Pages can still be served; jobs wait in the table for an instance whose worker runs.
    console.error(`jobs: the worker did not start: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  serverHooks().onStop(() => runner.stop());
  // The runner's promise rejects only when it dies (the database gone for good): say so, and keep serving pages.
  runner.promise.catch((error: unknown) => console.error(`jobs: the worker stopped: ${error instanceof Error ? error.message : String(error)}`));
}
