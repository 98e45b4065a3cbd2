'use server';

import { createComment, editComment, likeComment, removeComment, reportComment, type ChangeResult, commentTags } from '@/lib/comments/service';
import type { Viewer } from '@/lib/dal/users';
import { clientIp } from '@/lib/request';
import type { SiteContext } from '@/lib/site';
import { safeCallbackPath } from '@/lib/validations/auth';
import { commentFormKey, type CommentFormKind } from '@/lib/validations/comment-forms';
import { formAction, type Outcome } from './form-action';

// The comment forms' server actions: thin adapters of lib/comments/service.ts (which checks
// the session, the ban, the input and the limits, for the JSON API too) through formAction.
// On success they redirect back to the comment (what a plain form post without JavaScript
// needs; with JavaScript it is a client-side navigation). On failure the form gets the
// message and what was typed back. Messages are in the site's language.

/** The page the form was posted from (a same-site path without #fragment), else `fallback`. */
function returnPath(form: FormData, fallback = '/'): string {
  const returnTo = form.get('returnTo');
  return safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, fallback).split('#')[0] ?? fallback;
}

/** The form `kind` (whose comment or parent id the form carries): its flash key and anchor. */
function formOf(form: FormData, kind: CommentFormKind): { key: string; anchor: string } {
  const target = form.get(kind === 'comment' ? 'parentId' : 'commentId');
  return commentFormKey(kind, typeof target === 'string' ? target : '');
}

const options = (kind: CommentFormKind, keep: string[]) => ({
  key: (form: FormData) => formOf(form, kind).key,
  back: (form: FormData) => `${returnPath(form)}#${formOf(form, kind).anchor}`,
  keep,
});

export const createCommentAction = formAction(options('comment', ['body', 'parentId']), async ({ viewer, form, site }): Promise<Outcome> => {
  const result = await createComment(viewer, Object.fromEntries(form), await clientIp(), site);
  if (!result.ok) return { ok: false, status: result.status, message: result.message, fieldErrors: result.fieldErrors };
  // A held comment changes only its author's view (uncached): re-render it for them.
  const to = `${returnPath(form, `/post/${result.postSlug}`)}#${result.id ? `comment-${result.id}` : 'comments'}`;
  return result.held ? { ok: true, refresh: true, then: { redirect: to } } : { ok: true, tags: commentTags(result.postId), then: { redirect: to } };
});

type Change = (viewer: Viewer | null, input: unknown, site: SiteContext) => Promise<ChangeResult>;

/** A change to one comment, answered on its form; back to the comment, or to the section once it is deleted. */
function changeAction(kind: Exclude<CommentFormKind, 'comment'>, service: Change, keep: string[] = []) {
  return formAction(options(kind, keep), async ({ viewer, form, site }): Promise<Outcome> => {
    const result = await service(viewer, Object.fromEntries(form), site);
    if (!result.ok) return { ok: false, status: result.status, message: result.message, fieldErrors: result.fieldErrors };
    const to = `${returnPath(form, `/post/${result.postSlug}`)}#${kind === 'delete' ? 'comments' : `comment-${result.commentId}`}`;
    // A report changes only the reporter's view, and a redirect to the same page with a new
    // #fragment would not be fetched again by the router: re-render it.
    return result.onlyViewer ? { ok: true, refresh: true, then: { redirect: to } } : { ok: true, tags: commentTags(result.postId), then: { redirect: to } };
  });
}

export const editCommentAction = changeAction('edit', editComment, ['body']);
export const deleteCommentAction = changeAction('delete', removeComment);
export const toggleLikeAction = changeAction('like', likeComment);
export const reportCommentAction = changeAction('report', reportComment, ['reason']);
