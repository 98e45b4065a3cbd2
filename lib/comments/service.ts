import 'server-only';
import { TAGS } from '@/lib/cache-tags';
import { renderComment } from '@/lib/comments/markdown';
import { createComment, getCommentablePost, hasCommentedBefore, type WriteFailure } from '@/lib/dal/comment-writes';
import type { SiteSettings } from '@/lib/dal/settings';
import { canModerate, type Viewer } from '@/lib/dal/users';
import type { Dictionary, Locale } from '@/lib/i18n';
import { consume } from '@/lib/rate-limit';
import { fieldErrors } from '@/lib/validations/form-state';
import { commentSchemas } from '@/lib/validations/comments';

// Posting a comment, shared by the comment form's server action and POST /api/comments:
// who may, what is accepted, the limits, and what is held for a moderator. Refusals are
// worded in the site's language (the caller's dictionary), for the form and the API alike.

export type Refusal = { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; message: string; fieldErrors?: Record<string, string>; retryAfterS?: number };
export type SubmitResult = { ok: true; id: string | null; held: boolean; postSlug: string; postId: string } | Refusal;

export const MAX_LINKS = 2;

/** Who may write: a signed-in reader who is not banned. */
export function writeRefusal(viewer: Viewer | null, t: Dictionary): Refusal | null {
  if (!viewer) return { ok: false, status: 401, message: t.messages.comments.signIn };
  if (viewer.banned) return { ok: false, status: 403, message: t.messages.comments.banned };
  return null;
}

/** A refused change to a comment (lib/dal/comment-writes.ts), as the reader's language says it. */
export function writeFailure(failure: WriteFailure, t: Dictionary): Refusal {
  return { ok: false, status: failure.status, message: t.messages.comments.failures[failure.reason] };
}

/**
 * What posting needs from its caller: the site settings and the dictionary of its
 * language (cached reads, so the caller passes them in), and the language of the reply
 * email, a job enqueued with the reply (lib/jobs).
 */
export type SubmitContext = {
  settings: Pick<SiteSettings, 'commentsEnabled' | 'holdFirstComments' | 'commentMaxDepth'>;
  t: Dictionary;
  locale: Locale;
};

export async function submitComment(viewer: Viewer | null, input: unknown, ip: string, ctx: SubmitContext): Promise<SubmitResult> {
  const { t } = ctx;
  const m = t.messages.comments;
  if (!ctx.settings.commentsEnabled) return { ok: false, status: 403, message: t.commentsClosed };
  const refused = writeRefusal(viewer, t);
  if (refused || !viewer) return refused ?? { ok: false, status: 401, message: m.signIn };
  const parsed = commentSchemas(t.validation).newComment.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, message: m.checkComment, fieldErrors: fieldErrors(parsed.error) };
  const { postId, parentId, body, website } = parsed.data;

  const post = await getCommentablePost(postId);
  if (!post) return { ok: false, status: 404, message: m.closed };
  // A filled honeypot looks like success to the bot, and nothing is stored.
  if (website) return { ok: true, id: null, held: false, postSlug: post.postSlug, postId };

  const limited = await consume(
    ['commentUserBurst', viewer.id],
    ['commentUserHour', viewer.id],
    ['commentIpBurst', ip],
    ['commentIpHour', ip],
  );
  if (!limited.ok) {
    return { ok: false, status: 429, message: m.tooFast(limited.retryAfterS), retryAfterS: limited.retryAfterS };
  }

  const { settings } = ctx;
  const trusted = canModerate(viewer);
  const rendered = renderComment(body);
  const held = !trusted && (rendered.links > MAX_LINKS || (settings.holdFirstComments && !(await hasCommentedBefore(viewer.id))));
  const created = await createComment({
    postId,
    authorId: viewer.id,
    parentId: parentId ?? null,
    body,
    bodyHtml: rendered.html,
    status: held ? 'HELD' : 'VISIBLE',
    maxDepth: settings.commentMaxDepth,
    replyEmailLocale: ctx.locale,
  });
  if (!created.ok) return writeFailure(created, t);
  return { ok: true, id: created.id, held, postSlug: post.postSlug, postId };
}

/** The cache tags a change to a post's comments touches. */
export function commentTags(postId: string): string[] {
  return [TAGS.comments(postId), TAGS.counters(postId), TAGS.anyComments];
}
