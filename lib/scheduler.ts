import 'server-only';
import { serverHooks } from '@/server/hooks.mjs';

// Wakes the production server's publishing scheduler (server/scheduler.mjs) so a
// post scheduled a moment ahead goes live on time, not at the next 30-second check.
export function wakeScheduler(): void {
  serverHooks().wakeScheduler();
}
