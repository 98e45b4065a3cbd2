import 'server-only';
import type { z } from 'zod';
import { TAGS } from '@/lib/cache-tags';
import { renderComment } from '@/lib/comments/markdown';
import {
  createComment as insertComment,
  deleteOwnComment,
  editOwnComment,
  getCommentablePost,
  hasCommentedBefore,
  reportComment as insertReport,
  toggleCommentLike,
} from '@/lib/dal/comment-writes';
import type { Refused } from '@/lib/dal/result';
import { commentEditWindowMs, type SiteSettings } from '@/lib/dal/settings';
import { canModerate, type Viewer } from '@/lib/dal/users';
import type { Dictionary, Locale } from '@/lib/i18n';
import { wordRefusal } from '@/lib/i18n/refusal-words';
import { consume } from '@/lib/rate-limit';
import { fieldErrors } from '@/lib/validations/form-state';
import { commentSchemas } from '@/lib/validations/comments';

// Every rule of writing comments, shared by the comment forms' server actions
// (lib/actions/comments.ts) and POST /api/comments: who may, what is accepted, the limits,
// what is held for a moderator. Each takes the viewer and the raw input and returns a
// result; refusals are worded in the site's language (the caller's dictionary), for the
// form and the API alike. Ownership and state are checked by the data layer in its queries.

export type Refusal = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; message: string; fieldErrors?: Record<string, string>; retryAfterS?: number };
export type SubmitResult = { ok: true; id: string | null; held: boolean; postSlug: string; postId: string } | Refusal;
/** A change to one comment: where it is, and whether only the viewer sees it (a report). */
export type ChangeResult = { ok: true; postId: string; postSlug: string; commentId: string; onlyViewer?: boolean } | Refusal;

export const MAX_LINKS = 2;

/**
 * What writing needs from its caller: the site settings and the dictionary of its language
 * (cached reads, so the caller passes them in), and the language of the reply email, a
 * job enqueued with the reply (lib/jobs).
 */
export type SubmitContext = {
  settings: Pick<SiteSettings, 'commentsEnabled' | 'holdFirstComments' | 'commentMaxDepth'>;
  t: Dictionary;
  locale: Locale;
};
export type ChangeContext = { settings: Pick<SiteSettings, 'commentsEnabled' | 'commentEditMinutes'>; t: Dictionary };

/** Who may write: a signed-in reader who is not banned. */
export function writeRefusal(viewer: Viewer | null, t: Dictionary): Refusal | null {
  if (!viewer) return { ok: false, status: 401, message: t.messages.comments.signIn };
  if (viewer.banned) return { ok: false, status: 403, message: t.messages.comments.banned };
  return null;
}

/** The link limit: a comment of a reader (not staff) with more links is held when new and refused when edited. */
function overLinkLimit(viewer: Viewer, links: number): boolean {
  return !canModerate(viewer) && links > MAX_LINKS;
}

function refused(result: Refused, t: Dictionary): Refusal {
  const { status, message } = wordRefusal(result, t);
  return { ok: false, status: status as Refusal['status'], message };
}

export async function createComment(viewer: Viewer | null, input: unknown, ip: string, ctx: SubmitContext): Promise<SubmitResult> {
  const { t, settings } = ctx;
  const m = t.messages.comments;
  if (!settings.commentsEnabled) return { ok: false, status: 403, message: t.commentsClosed };
  const denied = writeRefusal(viewer, t);
  if (denied || !viewer) return denied ?? { ok: false, status: 401, message: m.signIn };
  const parsed = commentSchemas(t.validation).newComment.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, message: m.checkComment, fieldErrors: fieldErrors(parsed.error) };
  const { postId, parentId, body, website } = parsed.data;

  const post = await getCommentablePost(postId);
  if (!post) return { ok: false, status: 404, message: m.closed };
  // A filled honeypot looks like success to the bot, and nothing is stored.
  if (website) return { ok: true, id: null, held: false, postSlug: post.postSlug, postId };

  const limited = await consume(['commentUserBurst', viewer.id], ['commentUserHour', viewer.id], ['commentIpBurst', ip], ['commentIpHour', ip]);
  if (!limited.ok) return { ok: false, status: 429, message: m.tooFast(limited.retryAfterS), retryAfterS: limited.retryAfterS };

  const rendered = renderComment(body);
  const held = overLinkLimit(viewer, rendered.links) || (!canModerate(viewer) && settings.holdFirstComments && !(await hasCommentedBefore(viewer.id)));
  const created = await insertComment({
    postId,
    authorId: viewer.id,
    parentId: parentId ?? null,
    body,
    bodyHtml: rendered.html,
    status: held ? 'HELD' : 'VISIBLE',
    maxDepth: settings.commentMaxDepth,
    replyEmailLocale: ctx.locale,
  });
  if (!created.ok) return refused(created, t);
  return { ok: true, id: created.id, held, postSlug: post.postSlug, postId };
}

type Schemas = ReturnType<typeof commentSchemas>;

/** The steps every change to one comment shares: the viewer, then the input against the schema `pick` chooses. */
async function change<S extends z.ZodType<{ commentId: string }>>(
  viewer: Viewer | null,
  input: unknown,
  t: Dictionary,
  pick: (schemas: Schemas) => S,
  run: (viewer: Viewer, data: z.infer<S>) => Promise<Refusal | Refused | { ok: true; target: { postId: string; postSlug: string }; onlyViewer?: boolean }>,
): Promise<ChangeResult> {
  const denied = writeRefusal(viewer, t);
  if (denied || !viewer) return denied ?? { ok: false, status: 401, message: t.messages.comments.signIn };
  const parsed = pick(commentSchemas(t.validation)).safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, message: t.messages.comments.checkForm, fieldErrors: fieldErrors(parsed.error) };
  const result = await run(viewer, parsed.data);
  if (!result.ok) return 'reason' in result ? refused(result, t) : result;
  return { ok: true, ...result.target, commentId: parsed.data.commentId, onlyViewer: result.onlyViewer };
}

export function editComment(viewer: Viewer | null, input: unknown, { settings, t }: ChangeContext): Promise<ChangeResult> {
  return change(viewer, input, t, (s) => s.editComment, async (viewer, { commentId, body }) => {
    if (!settings.commentsEnabled) return { ok: false, status: 403, message: t.commentsClosed };
    const rendered = renderComment(body);
    if (overLinkLimit(viewer, rendered.links)) {
      return { ok: false, status: 400, message: t.messages.comments.tooManyLinks(MAX_LINKS), fieldErrors: { body: t.messages.comments.removeLinks } };
    }
    return editOwnComment({ id: commentId, authorId: viewer.id, body, bodyHtml: rendered.html, editWindowMs: commentEditWindowMs(settings) });
  });
}

/** Deleting one's own comment stays possible while comments are off. */
export function removeComment(viewer: Viewer | null, input: unknown, { t }: ChangeContext): Promise<ChangeResult> {
  return change(viewer, input, t, (s) => s.commentId, (viewer, { commentId }) => deleteOwnComment({ id: commentId, authorId: viewer.id }));
}

export function likeComment(viewer: Viewer | null, input: unknown, { settings, t }: ChangeContext): Promise<ChangeResult> {
  return change(viewer, input, t, (s) => s.commentId, async (viewer, { commentId }) => {
    if (!settings.commentsEnabled) return { ok: false, status: 403, message: t.commentsClosed };
    const limited = await consume(['likeUser', viewer.id]);
    if (!limited.ok) return { ok: false, status: 429, message: t.messages.comments.tooManyLikes(limited.retryAfterS) };
    return toggleCommentLike(commentId, viewer.id);
  });
}

/** Reporting stays possible while comments are off; only the reporter's view changes ("Reported"). */
export function reportComment(viewer: Viewer | null, input: unknown, { t }: ChangeContext): Promise<ChangeResult> {
  return change(viewer, input, t, (s) => s.report, async (viewer, { commentId, reason }) => {
    const limited = await consume(['reportUser', viewer.id]);
    if (!limited.ok) return { ok: false, status: 429, message: t.messages.comments.tooManyReports(limited.retryAfterS) };
    const result = await insertReport(commentId, viewer.id, reason ?? '');
    return result.ok ? { ...result, onlyViewer: true } : result;
  });
}

/** The cache tags a change to a post's comments touches. */
export function commentTags(postId: string): string[] {
  return [TAGS.comments(postId), TAGS.counters(postId), TAGS.anyComments];
}
