import 'server-only';
import type { TaskList } from 'graphile-worker';
import { z } from 'zod';
import { sendAccountEmail } from '@/lib/auth/sign-up';
import { runImportJob, type Refresh } from '@/lib/import/run-job';
import { sendReplyEmail } from '@/lib/comments/notify';
import { rollViewWindows } from '@/lib/dal/stats-top';
import { purgeViewEvents } from '@/lib/dal/view-retention';
import { sendIndexNow } from '@/lib/indexnow/send';
import { serverHooks } from '@/server/hooks.mjs';
import { INTERNAL_KEY_HEADER, internalKey } from './internal-key';
import { accountEmailPayload, importRunPayload, indexNowPayload, publishDuePayload, replyEmailPayload, TASKS } from '@/lib/validations/job-payloads';

// What each job does. A task that throws is retried by graphile-worker with exponential
// backoff (about e^attempt seconds: 3 s, 7 s, 20 s, 55 s … capped at 6 h per wait) until
// its max_attempts (25), then stays in the table as failed for good (shown on /admin).

export type TaskDeps = {
  /** Publishes the posts that are due and invalidates their pages; by default through this server's internal route. */
  publishDue?: () => Promise<void>;
  /** Invalidates what an import from /admin/import changed; by default through this server's internal route. */
  refreshImport?: Refresh;
};

export function taskList({ publishDue = publishDueThroughServer, refreshImport = refreshImportThroughServer }: TaskDeps = {}): TaskList {
  return {
    [TASKS.replyEmail]: async (payload) => {
      const { commentId, locale } = parse(replyEmailPayload, payload);
      await sendReplyEmail(commentId, locale);
    },
    [TASKS.accountEmail]: async (payload) => {
      await sendAccountEmail(parse(accountEmailPayload, payload));
    },
    [TASKS.publishDue]: async (payload) => {
      parse(publishDuePayload, payload);
      await publishDue();
    },
    // The once-a-minute safety net (crontab in ./worker.ts): a post whose job was lost
    // (written by hand, or by a version before jobs) is published within the minute.
    [TASKS.publishSweep]: () => publishDue(),
    // Hourly (./worker.ts): raw view events of days already rolled up and unsalted
    // (lib/dal/view-retention.ts); and the stats' view windows slid to today, so the
    // first look at /admin/stats of a new day does not pay for it (lib/dal/stats-top.ts).
    [TASKS.viewEventsPurge]: async () => {
      await purgeViewEvents();
      await rollViewWindows();
    },
    // A post's changed addresses, to IndexNow (lib/indexnow); retried while the endpoint fails.
    [TASKS.indexNow]: async (payload) => {
      await sendIndexNow(parse(indexNowPayload, payload));
    },
    // An upload of /admin/import (lib/import/run-job.ts): it ends its run itself, done or failed.
    [TASKS.importRun]: async (payload) => {
      await runImportJob(parse(importRunPayload, payload).runId, refreshImport);
    },
  };
}

/** The payload checked; a bad one fails the job with one readable line (shown on /admin). */
function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new Error(`bad payload: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
  return parsed.data;
}

/**
 * Cache tags can only be invalidated inside a request, so the job asks its own server:
 * the production server tells where it listens (server/hooks.mjs); `next dev` has no
 * hooks, and answers on PORT (3000).
 */
async function publishDueThroughServer(): Promise<void> {
  const res = await fetch(`${selfOrigin()}/api/internal/publish-due`, { method: 'POST', headers: { [INTERNAL_KEY_HEADER]: internalKey() } });
  if (!res.ok) throw new Error(`publish-due answered ${res.status}`);
}

/** The same for an import's pages (app/api/internal/import-refresh). */
async function refreshImportThroughServer(what: Parameters<Refresh>[0]): Promise<void> {
  const res = await fetch(`${selfOrigin()}/api/internal/import-refresh`, {
    method: 'POST',
    headers: { [INTERNAL_KEY_HEADER]: internalKey(), 'Content-Type': 'application/json' },
    body: JSON.stringify(what),
  });
  if (!res.ok) throw new Error(`import-refresh answered ${res.status}`);
}

function selfOrigin(): string {
  return serverHooks().selfOrigin() ?? `http://127.0.0.1:${process.env.PORT || 3000}`;
}
