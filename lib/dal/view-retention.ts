import 'server-only';
import { db } from '@/lib/db';
import { addDays, utcDay } from '@/lib/stats/scale';

// Raw view events are only the per-day dedupe: the statement that inserts them also rolls
// them into posts.view_count and post_view_days (lib/views/store.mjs), which is all the
// pages and /admin/stats read. Once a day is over and its salt is gone (yesterday's and
// today's are kept, so a visitor cannot be counted twice), its events serve nothing more:
// this deletes them, so the table holds about two days. The job view_events_purge runs it
// every hour (lib/jobs/worker.ts).

/** Rows per DELETE: each statement is short, so it never holds many locks or much WAL at once. */
export const PURGE_BATCH = 10_000;

export type PurgeResult = { before: string; deleted: number; batches: number };

/** Deletes the view events (and salts) of every UTC day before yesterday, `batchSize` rows per statement. */
export async function purgeViewEvents({ now = new Date(), batchSize = PURGE_BATCH }: { now?: Date; batchSize?: number } = {}): Promise<PurgeResult> {
  const before = addDays(utcDay(now), -1);
  // The view store deletes old salts as a new day's first view comes in; a quiet site may not have had one.
  await db.$executeRaw`DELETE FROM view_salts WHERE day < ${before}::date`;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    // ctid: the rows' physical addresses, found through the day index; one batch at a time.
    const n = await db.$executeRaw`
      DELETE FROM post_view_events WHERE ctid = ANY (ARRAY(
        SELECT e.ctid FROM post_view_events e
         WHERE e.day < ${before}::date AND NOT EXISTS (SELECT 1 FROM view_salts s WHERE s.day = e.day)
         LIMIT ${batchSize}))`;
    batches += 1;
    deleted += n;
    if (n < batchSize) return { before, deleted, batches };
  }
}
