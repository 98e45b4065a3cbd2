import { z } from 'zod';

// What /api/v1 answers, as zod schemas: the handlers' return types come from them
// (z.infer) and lib/api/openapi.ts turns them into the OpenAPI document's JSON Schemas
// (zod's own z.toJSONSchema, draft 2020-12 as OpenAPI 3.1 uses), so the description
// cannot drift from the code. Every schema is registered under its component name.

export const apiSchemas = z.registry<{ id: string; description?: string }>();

const url = z.url();
const dateTime = z.iso.datetime();
const count = z.number().int().min(0);

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(['bad_request', 'not_found', 'rate_limited']),
      message: z.string(),
    }),
  })
  .register(apiSchemas, { id: 'Error', description: 'Every 4xx answer.' });

const Person = z.object({ name: z.string(), image: z.string().nullable() });

export const Term = z
  .object({ slug: z.string(), name: z.string(), description: z.string(), url, posts: url })
  .register(apiSchemas, { id: 'Term', description: 'A category or tag; `posts` is the API list filtered by it.' });

export const PostSummary = z
  .object({
    slug: z.string(),
    title: z.string(),
    excerpt: z.string(),
    url,
    api: url,
    coverImage: url.nullable(),
    coverAlt: z.string().nullable(),
    publishedAt: dateTime,
    readingMinutes: count,
    author: Person,
    viewCount: count,
    commentCount: count,
    likeCount: count,
  })
  .register(apiSchemas, { id: 'PostSummary' });

const page = <T extends z.ZodType>(item: T) => ({
  data: z.array(item),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page.'),
  next: url.nullable().describe('The next page’s full address, or null.'),
});

export const PostList = z.object(page(PostSummary)).register(apiSchemas, { id: 'PostList' });

export const Post = z
  .object({
    slug: z.string(),
    title: z.string(),
    excerpt: z.string(),
    url,
    coverImage: url.nullable(),
    coverAlt: z.string().nullable(),
    publishedAt: dateTime,
    updatedAt: dateTime,
    readingMinutes: count,
    wordCount: count,
    author: Person.extend({ bio: z.string().nullable() }),
    categories: z.array(z.object({ slug: z.string(), name: z.string() })),
    tags: z.array(z.object({ slug: z.string(), name: z.string() })),
    html: z.string().describe('Sanitized HTML with absolute addresses.'),
    markdown: z.string().describe('The source as written; it may hold raw HTML: sanitize before showing it.'),
    viewCount: count,
    commentCount: count,
    likeCount: count,
    comments: url,
    related: z.array(PostSummary).describe('Up to three related published posts, best first: shared tags and categories, then similar words (as under the post on its page).'),
  })
  .register(apiSchemas, { id: 'Post' });

// A getter makes the schema recursive; z.toJSONSchema writes it as a $ref to itself.
export const Comment = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    depth: z.number().int().min(0),
    state: z.enum(['visible', 'removed']).describe('removed: deleted or hidden, kept empty because a visible reply hangs from it.'),
    html: z.string().nullable().describe('Sanitized HTML; null when removed.'),
    author: Person.nullable(),
    createdAt: dateTime,
    editedAt: dateTime.nullable(),
    likeCount: count,
    get replies() {
      return z.array(Comment);
    },
  });
// Registered apart: chained onto a recursive schema, .register() defeats the type inference.
apiSchemas.add(Comment, { id: 'Comment' });

export const CommentList = z
  .object({ post: z.object({ slug: z.string(), url }), ...page(Comment) })
  .register(apiSchemas, { id: 'CommentList', description: 'Threads: top-level comments with their replies.' });

export const TermList = z.object({ data: z.array(Term) }).register(apiSchemas, { id: 'TermList' });

export const Site = z
  .object({
    name: z.string(),
    description: z.string(),
    language: z.string(),
    url,
    feeds: z.object({ rss: url, atom: url, json: url }),
    api: z.object({ posts: url, categories: url, tags: url, openapi: url }),
  })
  .register(apiSchemas, { id: 'Site' });

export type ApiPostSummary = z.infer<typeof PostSummary>;
export type ApiPostList = z.infer<typeof PostList>;
export type ApiPost = z.infer<typeof Post>;
export type ApiComment = z.infer<typeof Comment>;
export type ApiCommentList = z.infer<typeof CommentList>;
export type ApiTerm = z.infer<typeof Term>;
export type ApiTermList = z.infer<typeof TermList>;
export type ApiSite = z.infer<typeof Site>;
export type ApiErrorCode = z.infer<typeof ErrorBody>['error']['code'];
