import type { RefusalReason } from '@/lib/i18n/refusal-words';

// The one way the data layer refuses an expected write: a status to answer with and a
// reason code, never words (actions and route handlers word it in the site's language
// with wordRefusal, lib/i18n/refusal-words.ts). Field errors are reason codes too.
// Throwing is for the unexpected only.

export type RefusalStatus = 400 | 401 | 403 | 404 | 409;

export type Refused<R extends RefusalReason = RefusalReason> = {
  ok: false;
  status: RefusalStatus;
  reason: R;
  fieldErrors?: Record<string, RefusalReason>;
  /** A name the words put in (e.g. the import already running). */
  detail?: string;
};

export type Result<T extends object, R extends RefusalReason = RefusalReason> = ({ ok: true } & T) | Refused<R>;

export function refuse<R extends RefusalReason>(status: RefusalStatus, reason: R, extra: Pick<Refused, 'fieldErrors' | 'detail'> = {}): Refused<R> {
  return { ok: false, status, reason, ...extra };
}

/**
 * For reads whose caller checked the same rule first (a page, before reading): reaching
 * this is a bug, not a refusal to word, so it throws.
 */
export function assertAllowed(allowed: boolean, rule: string): asserts allowed {
  if (!allowed) throw new Error(`Not allowed: ${rule}`);
}
