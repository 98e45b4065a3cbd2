import { z } from 'zod';

// Query-string and path inputs of the public pages. Everything a reader can type
// in the address bar passes through one of these before it reaches the DAL.

export type Cursor = { publishedAt: string; id: string };

export const slugSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'invalid slug');

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.publishedAt}|${cursor.id}`, 'utf8').toString('base64url');
}

const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx): Cursor => {
    const decoded = Buffer.from(value, 'base64url').toString('utf8');
    const [publishedAt, id, ...rest] = decoded.split('|');
    const validDate = publishedAt !== undefined && !Number.isNaN(Date.parse(publishedAt)) && /^\d{4}-\d{2}-\d{2}T/.test(publishedAt);
    if (rest.length > 0 || !validDate || !id || !/^[a-z0-9]{1,40}$/.test(id)) {
      ctx.addIssue({ code: 'custom', message: 'invalid cursor' });
      return z.NEVER;
    }
    return { publishedAt, id };
  });

const single = (v: unknown) => (Array.isArray(v) ? v[0] : v);

/** ?cursor=…&dir=back, and a legacy ?page= that may only be 1. */
export const listingParamsSchema = z.object({
  cursor: z.preprocess(single, cursorSchema.optional()),
  dir: z.preprocess(single, z.enum(['back', 'forward']).default('forward')),
  page: z.preprocess(single, z.coerce.number().int().min(1).max(1).optional()),
});

export type ListingParams = z.infer<typeof listingParamsSchema>;

export const SEARCH_MAX_LENGTH = 200;

export const searchParamsSchema = z.object({
  q: z.preprocess(single, z.string().trim().max(SEARCH_MAX_LENGTH).default('')),
});
