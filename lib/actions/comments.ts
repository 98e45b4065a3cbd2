'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import type { z } from 'zod';
import { invalidate } from '@/lib/cache-invalidation';
import { renderComment } from '@/lib/comments/markdown';
import { requestSubmitContext } from '@/lib/comments/context';
import { commentTags, MAX_LINKS, submitComment, writeFailure, writeRefusal } from '@/lib/comments/service';
import { deleteOwnComment, editOwnComment, reportComment, toggleCommentLike, type WriteFailure } from '@/lib/dal/comment-writes';
import { canModerate, getViewer, type Viewer } from '@/lib/dal/users';
import { answerForm } from '@/lib/form-flash';
import type { Dictionary } from '@/lib/i18n';
import { consume } from '@/lib/rate-limit';
import { clientIp } from '@/lib/request';
import { safeCallbackPath } from '@/lib/validations/auth';
import { commentFormKey, type CommentFormKind } from '@/lib/validations/comment-forms';
import { commentEditWindowMs } from '@/lib/dal/settings';
import { getSiteContext, type SiteContext } from '@/lib/site';
import { commentSchemas } from '@/lib/validations/comments';
import { fieldErrors, formValues, type FormState } from '@/lib/validations/form-state';

// The comment forms' server actions. Each one re-checks the session, the ban and the
// input itself; the DAL puts ownership in the query. On success they redirect back to
// the comment (what a plain form post without JavaScript needs; with JavaScript it is a
// client-side navigation). On failure the form gets the message and what was typed back:
// returned to the script, or, without JavaScript, through a redirect to the form with a
// one-time flash (lib/form-flash.ts). Messages are in the site's language.

type Failure = NonNullable<FormState>;

/** The page the form was posted from (a same-site path without #fragment), else `fallback`. */
function returnPath(form: FormData, fallback = '/'): string {
  const returnTo = form.get('returnTo');
  return safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, fallback).split('#')[0] ?? fallback;
}

/** The refusal for the form `kind` (whose comment or parent id the form carries), sent back to that form. */
function refuse(form: FormData, kind: CommentFormKind, failure: Failure): Promise<FormState> {
  const target = form.get(kind === 'comment' ? 'parentId' : 'commentId');
  const { key, anchor } = commentFormKey(kind, typeof target === 'string' ? target : '');
  return answerForm(key, failure, `${returnPath(form)}#${anchor}`);
}

type Schemas = ReturnType<typeof commentSchemas>;

/**
 * An action on one comment by a reader who may write: checks the viewer, then the input
 * against the schema `pick` chooses (in the site's language), then runs `run`, whose
 * failure goes back to the form.
 */
function writerAction<S extends z.ZodType<{ commentId: string }>>(
  kind: Exclude<CommentFormKind, 'comment'>,
  pick: (schemas: Schemas) => S,
  run: (viewer: Viewer, input: z.infer<S>, site: SiteContext) => Promise<Failure | { postId: string; postSlug: string; refreshOnly?: boolean }>,
  keep: string[] = [],
) {
  return async (form: FormData): Promise<FormState> => {
    const values = formValues(form, keep);
    const [viewer, site] = await Promise.all([getViewer(), getSiteContext()]);
    const { t } = site;
    const refused = writeRefusal(viewer, t);
    if (refused || !viewer) return refuse(form, kind, { message: refused?.message, values, status: refused?.status ?? 401 });
    const parsed = pick(commentSchemas(t.validation)).safeParse(Object.fromEntries(form));
    if (!parsed.success) return refuse(form, kind, { message: t.messages.comments.checkForm, fieldErrors: fieldErrors(parsed.error), values, status: 400 });
    const result = await run(viewer, parsed.data, site);
    if (!('postId' in result)) return refuse(form, kind, { values, ...result });
    // A change only the viewer sees (a report) re-renders their page; the rest is public.
    if (result.refreshOnly) refresh();
    else invalidate(...commentTags(result.postId));
    // A deleted comment may be gone from the page: back to the section then.
    const anchor = kind === 'delete' ? 'comments' : `comment-${parsed.data.commentId}`;
    redirect(`${returnPath(form, `/post/${result.postSlug}`)}#${anchor}`);
  };
}

export async function createCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  const values = formValues(form, ['body', 'parentId']);
  const result = await submitComment(await getViewer(), Object.fromEntries(form), await clientIp(), await requestSubmitContext());
  if (!result.ok) return refuse(form, 'comment', { message: result.message, fieldErrors: result.fieldErrors, values, status: result.status });
  // A held comment changes only its author's view (uncached): re-render it for them.
  if (!result.held) invalidate(...commentTags(result.postId));
  else refresh();
  redirect(`${returnPath(form, `/post/${result.postSlug}`)}#${result.id ? `comment-${result.id}` : 'comments'}`);
}

/** A refusal from the data layer, as the form shows it. */
function refusal(failure: WriteFailure, t: Dictionary): Failure {
  const { message, status } = writeFailure(failure, t);
  return { message, status };
}

const edit = writerAction(
  'edit',
  (s) => s.editComment,
  async (viewer, { commentId, body }, { t, settings }) => {
    if (!settings.commentsEnabled) return { message: t.commentsClosed, status: 403 };
    const rendered = renderComment(body);
    if (!canModerate(viewer) && rendered.links > MAX_LINKS) {
      return { message: t.messages.comments.tooManyLinks(MAX_LINKS), fieldErrors: { body: t.messages.comments.removeLinks }, status: 400 };
    }
    const result = await editOwnComment({ id: commentId, authorId: viewer.id, body, bodyHtml: rendered.html, editWindowMs: commentEditWindowMs(settings) });
    return result.ok ? result.target : refusal(result, t);
  },
  ['body'],
);

// Deleting one's own comment and reporting stay possible while comments are off.
const remove = writerAction('delete', (s) => s.commentId, async (viewer, { commentId }, { t }) => {
  const result = await deleteOwnComment({ id: commentId, authorId: viewer.id });
  return result.ok ? result.target : refusal(result, t);
});

const like = writerAction('like', (s) => s.commentId, async (viewer, { commentId }, { t, settings }) => {
  if (!settings.commentsEnabled) return { message: t.commentsClosed, status: 403 };
  const limited = await consume(['likeUser', viewer.id]);
  if (!limited.ok) return { message: t.messages.comments.tooManyLikes(limited.retryAfterS), status: 429 };
  const result = await toggleCommentLike(commentId, viewer.id);
  return result.ok ? result.target : refusal(result, t);
});

const report = writerAction(
  'report',
  (s) => s.report,
  async (viewer, { commentId, reason }, { t }) => {
    const limited = await consume(['reportUser', viewer.id]);
    if (!limited.ok) return { message: t.messages.comments.tooManyReports(limited.retryAfterS), status: 429 };
    const result = await reportComment(commentId, viewer.id, reason ?? '');
    // Only the reporter's view changes ("Reported"), and a redirect to the same page with
    // a new #fragment would not be fetched again by the router.
    return result.ok ? { ...result.target, refreshOnly: true } : refusal(result, t);
  },
  ['reason'],
);

export async function editCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return edit(form);
}

export async function deleteCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return remove(form);
}

export async function toggleLikeAction(_prev: FormState, form: FormData): Promise<FormState> {
  return like(form);
}

export async function reportCommentAction(_prev: FormState, form: FormData): Promise<FormState> {
  return report(form);
}
