import 'server-only';
import { serverHooks } from '@/server/hooks.mjs';
import { BusyError } from './work-slots';

// Apart from ./password.ts, which hashes and checks and imports nothing above it (the data
// layer checks passwords in its own queries): answering "busy" is the production server's
// business, reached through its hooks, so only actions and services call this.

export type PasswordWork<T> = { ok: true; value: T } | { ok: false; retryAfterS: number };

/**
 * Runs work that hashes or checks a password; when the slots are full, answers
 * { ok: false, retryAfterS } and has the production server send this request's answer as
 * 503 with Retry-After (server/hooks.mjs answerBusy). Other errors are thrown on.
 */
export async function passwordWorkOrBusy<T>(work: () => Promise<T>): Promise<PasswordWork<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof BusyError)) throw error;
    serverHooks().answerBusy(error.retryAfterS);
    return { ok: false, retryAfterS: error.retryAfterS };
  }
}
