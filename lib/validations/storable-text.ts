import { z } from 'zod';
import { getDictionary } from '@/lib/i18n';

// The one rule for free text at the validation boundary. PostgreSQL's `text` and `jsonb`
// cannot hold NUL (error 22021, a 500), and an unpaired UTF-16 surrogate has no UTF-8
// form (the driver would quietly store U+FFFD instead). No keyboard types either: they
// come from broken pastes and scripts. Every free-text field of the forms and the JSON
// API starts from `storableText`, which refuses them with a field message, so the writer
// learns and the form keeps the rest of what was typed. A field where a refusal helps
// nobody (the post body: an invisible character in 200,000 is not findable, and autosave
// would keep failing) drops them with `withoutUnstorable` instead.

// Without the `u` flag a regex sees UTF-16 code units, so it can find the unpaired halves.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function hasUnstorable(text: string): boolean {
  return text.includes('\u0000') || !text.isWellFormed();
}

export function withoutUnstorable(text: string): string {
  return hasUnstorable(text) ? text.replace(UNSTORABLE, '') : text;
}

/**
 * A string PostgreSQL can store, refused otherwise with `message` (the site's language:
 * `v.unstorable`, or `ADMIN_UNSTORABLE` in the English admin area). Chain the field's own
 * rules after it: `storableText(v.unstorable).trim().max(…)`.
 */
export function storableText(message: string | undefined, typeMessage?: string) {
  return z.string(typeMessage === undefined ? undefined : { error: typeMessage }).refine((s) => !hasUnstorable(s), message);
}

/** The admin area answers in English, whatever the site's language. */
export const ADMIN_UNSTORABLE = getDictionary('en').validation.unstorable;
