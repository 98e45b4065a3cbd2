import type { Dictionary } from './index';
import type { RefusalReason } from './en/refusals';

export type { RefusalReason };

/** A refusal as lib/dal/result.ts gives it (repeated here so the dictionaries import nothing of the data layer). */
type Coded = { status: number; reason: RefusalReason; fieldErrors?: Record<string, RefusalReason>; detail?: string };

/** The words of one reason code in the language of `t`. */
export function refusalText(reason: RefusalReason, t: Dictionary, detail = ''): string {
  const words = t.refusals[reason];
  return typeof words === 'function' ? words(detail) : words;
}

/** A data-layer refusal in the site's language: what forms and JSON answers show. */
export function wordRefusal(refusal: Coded, t: Dictionary): { status: number; message: string; fieldErrors?: Record<string, string> } {
  const message = refusalText(refusal.reason, t, refusal.detail);
  if (!refusal.fieldErrors) return { status: refusal.status, message };
  const fieldErrors = Object.fromEntries(Object.entries(refusal.fieldErrors).map(([field, code]) => [field, refusalText(code, t, refusal.detail)]));
  return { status: refusal.status, message, fieldErrors };
}
