import { z } from 'zod';
import { COMMENT_SORT_VALUES } from './comment-sorts';

// Shared by the comment forms, their server actions and POST /api/comments.

export const COMMENT_MAX = 5000;
const id = z.string().regex(/^[a-z0-9]{20,40}$/, 'Not a valid id.');

export const commentBodySchema = z
  .string({ error: 'Write a comment.' })
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().min(1, 'Write a comment.').max(COMMENT_MAX, `Keep it under ${COMMENT_MAX.toLocaleString('en')} characters.`));

export const newCommentSchema = z.object({
  postId: id,
  parentId: z.preprocess((v) => (v === '' ? undefined : v), id.optional()),
  body: commentBodySchema,
  // The honeypot: a field people never see. Bots that fill every field fill it.
  website: z.string().max(500).optional(),
});

export const editCommentSchema = z.object({ commentId: id, body: commentBodySchema });
export const commentIdSchema = z.object({ commentId: id });
export const reportSchema = z.object({ commentId: id, reason: z.string().trim().max(500, 'Keep the reason under 500 characters.').optional() });

export const threadQuerySchema = z.object({
  sort: z.enum(COMMENT_SORT_VALUES).catch('newest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
