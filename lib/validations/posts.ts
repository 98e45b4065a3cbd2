import { z } from 'zod';
import { ADMIN_UNSTORABLE, storableText, withoutUnstorable } from './storable-text';
import { idSchema } from './ids.mjs';

const text = () => storableText(ADMIN_UNSTORABLE);

// The post editor's fields, shared by its server actions and the data access layer.

export const SLUG_MAX = 120;
export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Give the post an address.')
  .max(SLUG_MAX, `Keep the address under ${SLUG_MAX} characters.`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens.');

const optionalText = (max: number, message: string) =>
  text()
    .trim()
    .max(max, message)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .default(null);

/** A local image path: uploads and the site's own images only (nothing remote). */
const imagePath = z
  .string()
  .trim()
  .max(300)
  .regex(/^\/(uploads|images)\/[A-Za-z0-9/_.-]+$/, 'Choose an uploaded image.')
  .refine((p) => !p.includes('..'), 'Choose an uploaded image.');

export const postInputSchema = z.object({
  title: text().trim().min(1, 'Give the post a title.').max(200, 'Keep the title under 200 characters.'),
  slug: slugSchema,
  excerpt: text().trim().max(300, 'Keep the excerpt under 300 characters.').default(''),
  // A form posts a textarea's line breaks as CRLF: stored as LF, so diffs and revisions
  // compare text, not line endings. Characters the database cannot store are dropped, not
  // refused (./storable-text.ts says why).
  body: z
    .string()
    .max(200_000, 'The post is too long (200,000 characters at most).')
    .default('')
    .transform((body) => withoutUnstorable(body).replace(/\r\n?/g, '\n')),
  coverImage: z.union([imagePath, z.literal('').transform(() => null)]).nullable().default(null),
  coverAlt: optionalText(200, 'Keep the image description under 200 characters.'),
  seoTitle: optionalText(70, 'Keep the search title under 70 characters.'),
  seoDescription: optionalText(160, 'Keep the search description under 160 characters.'),
  categoryIds: z.array(idSchema()).max(10, 'At most 10 categories.').default([]),
  tags: z.array(text().trim().min(1).max(40, 'Keep each tag under 40 characters.')).max(20, 'At most 20 tags.').default([]),
  /** Editors and admins may give the post to another author. */
  authorId: idSchema().optional(),
});

export type PostInput = z.infer<typeof postInputSchema>;
export type PostInputRaw = z.input<typeof postInputSchema>;
