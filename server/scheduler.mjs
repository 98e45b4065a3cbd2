// @ts-check
// Scheduled publishing inside the app (no cron): the production server asks itself to
// publish what is due (POST /api/internal/publish-due, app/api/internal/publish-due),
// then sleeps until the next scheduled post is due, or 30 s at most (a post scheduled
// meanwhile in another process is picked up then; one scheduled here wakes it at once
// through `wake`).
import { createHmac } from 'node:crypto';

const MAX_SLEEP_MS = 30_000;

/**
 * @param {{ origin: string, secret: string | undefined, log?: (line: string) => void }} options
 * @returns {{ wake: () => void, stop: () => void }}
 */
export function startScheduler({ origin, secret, log = console.error }) {
  if (!secret) {
    log('scheduler: AUTH_SECRET is not set; scheduled posts go live only on their pages’ next revalidation');
    return { wake() {}, stop() {} };
  }
  const key = createHmac('sha256', secret).update('quire:publish-due').digest('base64url');
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let stopped = false;

  async function tick() {
    if (stopped) return;
    let sleep = MAX_SLEEP_MS;
    try {
      const res = await fetch(`${origin}/api/internal/publish-due`, { method: 'POST', headers: { 'x-quire-scheduler': key } });
      const body = /** @type {{ published?: string[], nextAt?: string | null }} */ (await res.json());
      if (!res.ok) throw new Error(`answered ${res.status}`);
      if (body.published?.length) log(`scheduler: published ${body.published.join(', ')}`);
      if (body.nextAt) sleep = Math.min(MAX_SLEEP_MS, Math.max(0, new Date(body.nextAt).getTime() - Date.now()) + 50);
    } catch (error) {
      log(`scheduler: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, sleep).unref();
  }

  timer = setTimeout(tick, 1000).unref();
  return {
    wake() {
      clearTimeout(timer);
      timer = setTimeout(tick, 0).unref();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
