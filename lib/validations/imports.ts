import { z } from 'zod';

// The fields of POST /api/admin/import (multipart/form-data, the form on /admin/import).
// The file's content is checked by the loaders when the job runs (lib/import).

/** The upload's name as stored and shown: its last part, plain characters, never a dot file. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const plain = base.replace(/[^\w.\- ]+/g, '_').replace(/^[.\s]+/, '').trim().slice(-120);
  return plain || 'upload';
}

export const importUploadSchema = z.object({
  file: z.file({ error: 'Choose the export file to upload.' }).min(1, 'The file is empty.'),
  // A checkbox: "on" when ticked, absent when not.
  dryRun: z.preprocess((v) => v === 'on' || v === 'true' || v === '1', z.boolean()),
});

/** Why an upload was refused, as the page shows it after a form post (no JavaScript needed). */
export const IMPORT_REFUSALS = {
  'admins-only': 'Only admins import.',
  'cross-site': 'Cross-site requests are not accepted.',
  'bad-form': 'The form data could not be read. Choose the file and send it again.',
  'no-file': 'Choose the export file to upload.',
  empty: 'The file is empty.',
  'too-large': 'The file is too large.',
  busy: 'An import is running already: one at a time. Wait for it to end, then upload again.',
  'too-many': 'Too many imports in the last hour. Try again later.',
  interrupted: 'The upload was interrupted. Send it again.',
} as const;

export type ImportRefusal = keyof typeof IMPORT_REFUSALS;

export const importRefusalSchema = z.enum(Object.keys(IMPORT_REFUSALS) as [ImportRefusal, ...ImportRefusal[]]);
