import 'server-only';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';

// What /admin shows about the job queue (lib/jobs): jobs that failed for good, i.e. used
// all their attempts. graphile-worker keeps them in its table (it deletes only jobs that
// succeed), so they are counted here until someone deletes them (README, Background jobs).

export type FailedJobs = { count: number; last: { task: string; error: string; at: Date } | null };

/** Jobs failed for good, for admins only (null for anyone else). */
export async function getFailedJobs(actor: Actor | null): Promise<FailedJobs | null> {
  if (!actor || !isAdmin(actor)) return null;
  const rows = await db.$queryRaw<{ count: number; task: string | null; error: string | null; at: Date | null }[]>`
    WITH failed AS (SELECT task_identifier, last_error, updated_at FROM graphile_worker.jobs WHERE attempts >= max_attempts)
    SELECT (SELECT count(*)::int FROM failed) AS count, l.task_identifier AS task, l.last_error AS error, l.updated_at AS at
      FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT * FROM failed ORDER BY updated_at DESC LIMIT 1) l ON true`;
  const row = rows[0];
  if (!row) return { count: 0, last: null };
  return { count: row.count, last: row.task && row.at ? { task: row.task, error: firstLine(row.error ?? ''), at: row.at } : null };
}

/** The error's first line, cut: a stack trace says nothing more to an admin. */
function firstLine(error: string): string {
  const line = error.split('\n')[0]?.trim() ?? '';
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
