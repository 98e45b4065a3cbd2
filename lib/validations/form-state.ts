import type { z } from 'zod';
import { withoutUnstorable } from './storable-text';

// What a form's server action returns for useActionState: a message, errors per field,
// and the values the reader typed, so nothing is lost when the form comes back.
export type FormState = {
  message?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
  /** HTTP-like status of the failure, for logs and tests; forms answer 200 regardless. */
  status?: number;
  ok?: boolean;
} | null;

export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? 'form');
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * The named text fields of a form, to send back on error (passwords are never included).
 * Without what the database cannot hold: a plain form post's answer waits in a jsonb row.
 */
export function formValues(form: FormData, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const value = form.get(name);
    if (typeof value === 'string') out[name] = withoutUnstorable(value.slice(0, 10_000));
  }
  return out;
}
