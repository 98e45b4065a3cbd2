import { z } from 'zod';
import { ADMIN_UNSTORABLE, storableText, withoutUnstorable } from './storable-text';
import { idSchema } from './ids.mjs';

const text = () => storableText(ADMIN_UNSTORABLE);

// The "Categories and tags" forms (editors and admins), shared by the server actions and
// the data access layer. An empty address means "make one from the name".

export const TERM_SLUG_MAX = 60;

export const termIdSchema = idSchema('Unknown category or tag.');

const termSlug = z
  .string()
  .trim()
  .toLowerCase()
  .max(TERM_SLUG_MAX, `Keep the address under ${TERM_SLUG_MAX} characters.`)
  .refine((s) => s === '' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s), 'Use lowercase letters, digits and single hyphens.')
  .transform((s) => (s === '' ? null : s));

export const categoryInputSchema = z.object({
  name: text().trim().min(1, 'Give the category a name.').max(60, 'Keep the name under 60 characters.'),
  slug: termSlug.nullable().default(null),
  description: text().trim().max(300, 'Keep the description under 300 characters.').default(''),
});

export const tagInputSchema = z.object({
  // The post editor accepts tags of up to 40 characters: the same bound here.
  name: text().trim().min(1, 'Give the tag a name.').max(40, 'Keep the name under 40 characters.'),
  slug: termSlug.nullable().default(null),
});

export const mergeTagsSchema = z.object({
  id: termIdSchema,
  into: text().trim().min(1, 'Name the tag to merge into.').max(TERM_SLUG_MAX, 'No tag has a name that long.'),
});

/** The tags list: a name filter and a page. */
export const tagListParamsSchema = z.object({
  q: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().max(60).catch('').default('')).transform((q) => withoutUnstorable(q.replace(/[\u0000-\u001f\u007f]+/g, ' ')).trim()),
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(10_000).catch(1).default(1)),
});

export type CategoryInput = z.infer<typeof categoryInputSchema>;
export type TagInput = z.infer<typeof tagInputSchema>;
