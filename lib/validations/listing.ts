import { z } from 'zod';
import { withoutUnstorable } from './storable-text';

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

/** A keyset cursor, base64url of "<ISO time>|<id>"; the public pages and /api/v1 share it. */
export const cursorSchema = z
  .string()
  .max(200)
  .transform((value, ctx): Cursor => {
    const decoded = Buffer.from(value, 'base64url').toString('utf8');
    const [publishedAt, id, ...rest] = decoded.split('|');
    // PostgreSQL has no year 0 and JavaScript dates go past year 9999: keep to what both hold.
    const time = publishedAt === undefined ? Number.NaN : Date.parse(publishedAt);
    const validDate = /^\d{4}-\d{2}-\d{2}T/.test(publishedAt ?? '') && time >= 0 && time < Date.UTC(10000, 0, 1);
    if (rest.length > 0 || publishedAt === undefined || !validDate || !id || !/^[a-z0-9]{1,40}$/.test(id)) {
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
export const SEARCH_PAGE_SIZE = 20;
/**
 * How many of the newest matches are ranked, and how many of the newest title matches are
 * added to them. Ranking reads each candidate's whole tsvector, and finding the title
 * matches costs a walk of about SEARCH_TITLE_CANDIDATES / (share of titles with the word)
 * posts, so both are bounded; beyond them a common word shows "more than" and asks for
 * more words. See bench/README.md, "Search at scale".
 */
export const SEARCH_CANDIDATES = 100;
export const SEARCH_TITLE_CANDIDATES = 50;
/** The last page a link can ask for: every candidate, titles and bodies, paged. */
export const SEARCH_MAX_PAGE = Math.ceil((SEARCH_CANDIDATES + 1 + SEARCH_TITLE_CANDIDATES) / SEARCH_PAGE_SIZE);

export const searchParamsSchema = z.object({
  // Control characters (a NUL byte above all) and unpaired surrogates mean nothing in a
  // search, and PostgreSQL cannot take the first: dropped, not refused.
  q: z.preprocess(
    single,
    z
      .string()
      .max(SEARCH_MAX_LENGTH)
      .default('')
      .transform((q) => withoutUnstorable(q.replace(/[\u0000-\u001f\u007f]+/g, ' ')).trim()),
  ),
  page: z.preprocess(
    single,
    z
      .string()
      .regex(/^[1-9]\d{0,3}$/)
      .transform(Number)
      .pipe(z.number().max(SEARCH_MAX_PAGE))
      .default(1),
  ),
});
