import { z } from 'zod';
import { COMMENT_SORT_VALUES } from './comment-sorts';
import { perLanguage } from './localized';
import { storableText } from './storable-text';
import { idSchema } from './ids.mjs';

// Shared by the comment forms, their server actions and POST /api/comments, built per
// language (./localized.ts): `commentSchemas(t.validation).newComment`.

export const COMMENT_MAX = 5000;
export const REPORT_REASON_MAX = 500;

export const commentSchemas = perLanguage((v) => {
  const id = idSchema(v.invalidId);
  const body = storableText(v.unstorable, v.commentRequired)
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().min(1, v.commentRequired).max(COMMENT_MAX, v.commentTooLong(COMMENT_MAX)));
  return {
    newComment: z.object({
      postId: id,
      parentId: z.preprocess((value) => (value === '' ? undefined : value), id.optional()),
      body,
      // The honeypot: a field people never see. Bots that fill every field fill it.
      website: z.string().max(500).optional(),
    }),
    editComment: z.object({ commentId: id, body }),
    commentId: z.object({ commentId: id }),
    report: z.object({ commentId: id, reason: storableText(v.unstorable).trim().max(REPORT_REASON_MAX, v.reasonTooLong(REPORT_REASON_MAX)).optional() }),
  };
});

export const threadQuerySchema = z.object({
  sort: z.enum(COMMENT_SORT_VALUES).catch('newest'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
  /** The comment whose reply, report or edit form the reader opened by its link (works without JavaScript). */
  reply: idSchema().optional().catch(undefined),
  report: idSchema().optional().catch(undefined),
  edit: idSchema().optional().catch(undefined),
});
