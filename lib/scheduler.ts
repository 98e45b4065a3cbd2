import 'server-only';

// Wakes the production server's publishing scheduler (scripts/server/scheduler.mjs) so a
// post scheduled a moment ahead goes live on time, not at the next 30-second check.
export function wakeScheduler(): void {
  const scheduler = (globalThis as Record<symbol, { wake(): void } | undefined>)[Symbol.for('quire.scheduler')];
  scheduler?.wake();
}
