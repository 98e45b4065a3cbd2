'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { invalidate } from '@/lib/cache-invalidation';
import { commentTags } from '@/lib/comments/service';
import { MODERATION_ACTIONS, ModerationDenied, moderateComment, setBanned } from '@/lib/dal/moderation';
import { getViewer } from '@/lib/dal/users';
import { answerForm } from '@/lib/form-flash';
import { safeCallbackPath } from '@/lib/validations/auth';
import type { FormState } from '@/lib/validations/form-state';
import { idSchema } from '@/lib/validations/ids.mjs';

// Moderators' actions on /admin/comments. The DAL refuses anyone but editors and admins;
// these only parse, call it, invalidate and come back to the queue.

const id = idSchema();
const commentSchema = z.object({ commentId: id, action: z.enum(MODERATION_ACTIONS) });
const banSchema = z.object({ userId: id, banned: z.enum(['true', 'false']) });

function queuePath(form: FormData): string {
  const returnTo = form.get('returnTo');
  return safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, '/admin/comments');
}

/** A refusal goes back to the queue, where it shows above the list (the flash key 'moderation'). */
function refuse(form: FormData, failure: NonNullable<FormState>): Promise<FormState> {
  return answerForm('moderation', failure, queuePath(form));
}

async function guarded(run: () => Promise<FormState | void>): Promise<FormState> {
  try {
    return (await run()) ?? null;
  } catch (error) {
    if (error instanceof ModerationDenied) return { message: error.message, status: 403 };
    throw error;
  }
}

export async function moderateCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = commentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse(form, { message: 'Unknown comment or action.', status: 400 });
  const result = await guarded(async () => {
    const target = await moderateComment(await getViewer(), parsed.data.commentId, parsed.data.action);
    if (!target) return { message: 'That comment has changed since the page loaded. Reload the queue.', status: 409 };
    invalidate(...commentTags(target.postId));
  });
  if (result) return refuse(form, result);
  redirect(queuePath(form));
}

export async function setBannedAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = banSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return refuse(form, { message: 'Unknown member.', status: 400 });
  const result = await guarded(async () => {
    const ok = await setBanned(await getViewer(), parsed.data.userId, parsed.data.banned === 'true');
    if (!ok) return { message: 'Editors, admins and your own account cannot be banned here.', status: 403 };
  });
  if (result) return refuse(form, result);
  redirect(queuePath(form));
}
