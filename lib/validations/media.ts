import { z } from 'zod';
import { MAX_ALT_LENGTH } from '@/lib/media/limits';
import { ADMIN_UNSTORABLE, storableText } from './storable-text';

// The fields of POST /api/admin/media (multipart/form-data). The file's bytes are checked
// by lib/media/image.ts; here only that there is one.

export const mediaUploadSchema = z.object({
  file: z.file({ error: 'Choose an image file to upload (form field "file").' }).min(1, 'The file is empty.'),
  alt: z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    storableText(ADMIN_UNSTORABLE, 'The alt text must be text.').trim().max(MAX_ALT_LENGTH, `Keep the alt text under ${MAX_ALT_LENGTH} characters.`),
  ),
});

export type MediaUploadInput = z.infer<typeof mediaUploadSchema>;
