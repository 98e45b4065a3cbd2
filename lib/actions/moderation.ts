'use server';

import { z } from 'zod';
import { canModerateComments } from '@/lib/auth/permissions';
import { commentTags } from '@/lib/comments/service';
import { MODERATION_ACTIONS, moderateComment, setBanned } from '@/lib/dal/moderation';
import { safeCallbackPath } from '@/lib/validations/auth';
import { formAction, type Rule } from './form-action';
import { idSchema } from '@/lib/validations/ids.mjs';

// Moderators' actions on /admin/comments. The DAL refuses anyone but editors and admins
// again; these parse, call it, invalidate and come back to the queue. A refusal shows
// above the list (the flash key 'moderation').

const id = idSchema();
const commentSchema = z.object({ commentId: id, action: z.enum(MODERATION_ACTIONS) });
const banSchema = z.object({ userId: id, banned: z.enum(['true', 'false']) });

function queuePath(form: FormData): string {
  const returnTo = form.get('returnTo');
  return safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, '/admin/comments');
}

const moderator: Rule = (viewer, t) => (canModerateComments(viewer) ? null : { message: t.refusals.moderatorsOnly, status: 403 });

export const moderateCommentAction = formAction(
  { key: 'moderation', back: queuePath, can: moderator, schema: commentSchema, invalid: () => 'Unknown comment or action.' },
  async ({ viewer, input, form }) => {
    const result = await moderateComment(viewer, input.commentId, input.action);
    if (!result.ok) return result;
    return { ok: true, tags: commentTags(result.target.postId), then: { redirect: queuePath(form) } };
  },
);

export const setBannedAction = formAction(
  { key: 'moderation', back: queuePath, can: moderator, schema: banSchema, invalid: () => 'Unknown member.' },
  async ({ viewer, input, form }) => {
    const result = await setBanned(viewer, input.userId, input.banned === 'true');
    if (!result.ok) return result;
    return { ok: true, then: { redirect: queuePath(form) } };
  },
);
