'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { invalidate } from '@/lib/cache-invalidation';
import { renderComment } from '@/lib/comments/markdown';
import { requestSubmitContext } from '@/lib/comments/context';
import { commentTags, MAX_LINKS, submitComment, writeRefusal } from '@/lib/comments/service';
import { deleteOwnComment, editOwnComment, reportComment, toggleCommentLike } from '@/lib/dal/comment-writes';
import { canModerate, getViewer } from '@/lib/dal/users';
import { consume, waitText } from '@/lib/rate-limit';
import { clientIp } from '@/lib/request';
import { safeCallbackPath } from '@/lib/validations/auth';
import { commentIdSchema, editCommentSchema, reportSchema } from '@/lib/validations/comments';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

// The comment forms' server actions. Each one re-checks the session, the ban and the
// input itself; the DAL puts ownership in the query. On success they redirect back to
// the comment (what a plain form post without JavaScript needs; with JavaScript it is a
// client-side navigation). On failure they return the message and what was typed.

function back(form: FormData, fallback: string, anchor: string): never {
  const returnTo = form.get('returnTo');
  const path = safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, fallback).split('#')[0];
  redirect(`${path}#${anchor}`);
}

export async function createCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['body', 'parentId']);
  const result = await submitComment(await getViewer(), Object.fromEntries(form), await clientIp(), await requestSubmitContext());
  if (!result.ok) return { message: result.message, fieldErrors: result.fieldErrors, values, status: result.status };
  // A held comment changes only its author's view (uncached): re-render it for them.
  if (!result.held) invalidate(...commentTags(result.postId));
  else refresh();
  back(form, `/post/${result.postSlug}`, result.id ? `comment-${result.id}` : 'comments');
}

export async function editCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['body']);
  const viewer = await getViewer();
  const refused = writeRefusal(viewer);
  if (refused || !viewer) return { message: refused?.message, values, status: refused?.status };
  const parsed = editCommentSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: 'Check your comment.', fieldErrors: fieldErrors(parsed.error), values, status: 400 };
  const rendered = renderComment(parsed.data.body);
  if (!canModerate(viewer) && rendered.links > MAX_LINKS) {
    return { message: `A comment can have at most ${MAX_LINKS} links.`, fieldErrors: { body: 'Remove some links.' }, values, status: 400 };
  }
  const result = await editOwnComment({ id: parsed.data.commentId, authorId: viewer.id, body: parsed.data.body, bodyHtml: rendered.html });
  if (!result.ok) return { message: result.message, values, status: result.status };
  invalidate(...commentTags(result.target.postId));
  back(form, `/post/${result.target.postSlug}`, `comment-${parsed.data.commentId}`);
}

export async function deleteCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const refused = writeRefusal(viewer);
  if (refused || !viewer) return { message: refused?.message, status: refused?.status };
  const parsed = commentIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: 'That comment could not be found.', status: 400 };
  const result = await deleteOwnComment({ id: parsed.data.commentId, authorId: viewer.id });
  if (!result.ok) return { message: result.message, status: result.status };
  invalidate(...commentTags(result.target.postId));
  back(form, `/post/${result.target.postSlug}`, 'comments');
}

export async function toggleLikeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const refused = writeRefusal(viewer);
  if (refused || !viewer) return { message: refused?.message, status: refused?.status };
  const parsed = commentIdSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: 'That comment could not be found.', status: 400 };
  const limited = await consume(['likeUser', viewer.id]);
  if (!limited.ok) return { message: `Too many likes at once. Try again in ${waitText(limited.retryAfterS)}.`, status: 429 };
  const result = await toggleCommentLike(parsed.data.commentId, viewer.id);
  if (!result.ok) return { message: result.message, status: result.status };
  invalidate(...commentTags(result.target.postId));
  back(form, `/post/${result.target.postSlug}`, `comment-${parsed.data.commentId}`);
}

export async function reportCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const viewer = await getViewer();
  const refused = writeRefusal(viewer);
  if (refused || !viewer) return { message: refused?.message, status: refused?.status };
  const parsed = reportSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { message: 'Check the reason.', fieldErrors: fieldErrors(parsed.error), status: 400 };
  const limited = await consume(['reportUser', viewer.id]);
  if (!limited.ok) return { message: `Too many reports. Try again in ${waitText(limited.retryAfterS)}.`, status: 429 };
  const result = await reportComment(parsed.data.commentId, viewer.id, parsed.data.reason ?? '');
  if (!result.ok) return { message: result.message, status: result.status };
  // Only the reporter's view changes ("Reported"): the redirect is to the same page with
  // a new #fragment, which the router would not fetch again.
  refresh();
  back(form, `/post/${result.target.postSlug}`, `comment-${parsed.data.commentId}`);
}
