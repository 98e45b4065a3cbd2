import 'server-only';
import { Logger, run, type LogFunctionFactory, type Runner } from 'graphile-worker';
import { TASKS } from '@/lib/validations/job-payloads';
import { taskList, type TaskDeps } from './tasks';

// One graphile-worker runner: `concurrency` jobs at a time, woken by LISTEN/NOTIFY when a
// job is added, and polling every POLL_MS for jobs whose run_at has come (a scheduled
// post: NOTIFY fires when the job is written, not when it falls due). Several instances
// each run one; a job is locked by one of them (SELECT … FOR UPDATE SKIP LOCKED).

/** Half a second: a post scheduled for T is picked up by T + 0.5 s, then published and invalidated. */
export const POLL_MS = 500;

// Once a minute, one instance (graphile-worker's cron records each run in its table so
// several instances enqueue it once) sweeps for due posts that have no job. Every hour
// (at minute 7), one purges the raw view events of past days: hourly rather than daily,
// so an instance down at that hour delays it by an hour, not a day.
export const CRONTAB = [
  `* * * * * ${TASKS.publishSweep} ?max=1&jobKey=${TASKS.publishSweep}`,
  `7 * * * * ${TASKS.viewEventsPurge} ?max=3&jobKey=${TASKS.viewEventsPurge}`,
].join('\n');

export type WorkerOptions = TaskDeps & {
  /** A direct connection (LISTEN needs one; not PgBouncer in transaction mode). */
  connectionString: string;
  concurrency: number;
  log?: (line: string) => void;
};

export function startWorker({ connectionString, concurrency, log = console.error, ...deps }: WorkerOptions): Promise<Runner> {
  return run({
    connectionString,
    concurrency,
    maxPoolSize: concurrency + 2,
    pollInterval: POLL_MS,
    // The production server stops the worker itself (server/shutdown.mjs, through onStop).
    noHandleSignals: true,
    taskList: taskList(deps),
    crontab: CRONTAB,
    logger: new Logger(oneLineLogs(log)),
    // Without a batch delay graphile-worker 0.17 marks a finished job done without waiting
    // for it, so a stop could close the pool first and leave the job locked (sent again 4 h
    // later). With one (0 ms: no added wait) the stop flushes it: tests/integration/jobs.test.ts.
    preset: { worker: { completeJobBatchDelay: 0, failJobBatchDelay: 0 } },
  });
}

/** Warnings and errors only, on one line each ("jobs: …"): a job that failed says why, and is retried. */
function oneLineLogs(log: (line: string) => void): LogFunctionFactory {
  return () => (level, message) => {
    if (level === 'error' || level === 'warning') log(`jobs: ${message.split('\n')[0]}`);
  };
}
