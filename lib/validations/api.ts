import { z } from 'zod';
import { cursorSchema, slugSchema, type Cursor } from './listing';

// Query-string and path inputs of the public read API (/api/v1, README "API"). Strict:
// an unknown parameter is refused (400) rather than ignored, so a misspelt filter
// (`?categroy=`) never silently returns every post.

export const API_DEFAULT_LIMIT = 20;
export const API_MAX_LIMIT = 50;

const limitSchema = z
  .string()
  .regex(/^[1-9]\d{0,2}$/, `limit must be a whole number from 1 to ${API_MAX_LIMIT}`)
  .transform(Number)
  .pipe(z.number().max(API_MAX_LIMIT, `limit must be a whole number from 1 to ${API_MAX_LIMIT}`))
  .default(API_DEFAULT_LIMIT);

const apiCursor = cursorSchema.optional();

export const apiPostsQuerySchema = z.strictObject({
  cursor: apiCursor,
  limit: limitSchema,
  category: slugSchema.optional(),
  tag: slugSchema.optional(),
});

export const API_COMMENT_ORDERS = ['oldest', 'newest'] as const;
export type ApiCommentOrder = (typeof API_COMMENT_ORDERS)[number];

export const apiCommentsQuerySchema = z.strictObject({
  cursor: apiCursor,
  limit: limitSchema,
  order: z.enum(API_COMMENT_ORDERS).default('oldest'),
});

/** Endpoints that take no parameters still refuse unknown ones. */
export const apiNoQuerySchema = z.strictObject({});

export const apiSlugSchema = slugSchema;

export type ApiPostsQuery = z.infer<typeof apiPostsQuerySchema>;
export type ApiCommentsQuery = z.infer<typeof apiCommentsQuerySchema>;
export type { Cursor };

export type QueryResult<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Reads a URL's query into `schema`. A parameter given twice is refused before zod sees
 * it; zod's first issue becomes the message ("cursor: invalid cursor").
 */
export function parseQuery<T>(schema: z.ZodType<T>, params: URLSearchParams): QueryResult<T> {
  const input: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in input) return { ok: false, message: `${key}: given more than once` };
    input[key] = value;
  }
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  if (!issue) return { ok: false, message: 'invalid query' };
  if (issue.code === 'unrecognized_keys') return { ok: false, message: `unknown parameter: ${issue.keys.join(', ')}` };
  return { ok: false, message: `${issue.path.join('.') || 'query'}: ${issue.message}` };
}
