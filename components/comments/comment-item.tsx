import { Avatar } from '@/components/ui/avatar';
import type { ThreadComment } from '@/lib/dal/comments';
import type { Viewer } from '@/lib/dal/users';
import type { Flash } from '@/lib/form-flash';
import { formatDate, type Dictionary, type Locale } from '@/lib/i18n';
import { commentFormKey, type CommentFormKind } from '@/lib/validations/comment-forms';
import type { FormState } from '@/lib/validations/form-state';
import { CommentForm } from './comment-form';
import { DeleteButton, EditForm, LikeButton, ReportForm } from './comment-controls';

export type CommentContext = {
  postId: string;
  returnTo: string;
  strings: Dictionary['commentUi'];
  locale: Locale;
  viewer: Viewer | null;
  /** Comments are on (site setting): off, the thread is read-only but for deleting and reporting. */
  open: boolean;
  liked: Set<string>;
  reported: Set<string>;
  /** The viewer's own comments still inside the edit window. */
  editable: Set<string>;
  /** What a refused plain form post left for one of the forms (lib/form-flash.ts). */
  flash: Flash | null;
};

/** The flash for the form `kind` on comment `id`, if it is the one the reader posted. */
export function flashFor(ctx: CommentContext, kind: CommentFormKind, id: string): FormState {
  return ctx.flash && ctx.flash.key === commentFormKey(kind, id).key ? ctx.flash.state : null;
}

// One comment and its replies. Server-rendered; the controls are small forms that work
// without JavaScript (<details> opens the reply, edit and report forms natively).
export function CommentItem({ comment: c, ctx }: { comment: ThreadComment; ctx: CommentContext }) {
  const { viewer, strings } = ctx;
  const own = !!viewer && c.authorId === viewer.id;
  const canWrite = !!viewer && !viewer.banned;
  const canAdd = canWrite && ctx.open;
  const live = c.state !== 'REMOVED';
  const replyFlash = flashFor(ctx, 'comment', c.id);
  const editFlash = flashFor(ctx, 'edit', c.id);
  const reportFlash = flashFor(ctx, 'report', c.id);
  return (
    <li id={`comment-${c.id}`}>
      <article className="flex gap-3" aria-label={live ? c.authorName : strings.removed}>
        {live ? <Avatar name={c.authorName} image={c.authorImage} /> : <span className="inline-block h-8 w-8 shrink-0 rounded-full bg-neutral-200" aria-hidden="true" />}
        <div className="min-w-0 flex-1">
          {live ? (
            <p className="c-meta">
              <span className="c-author">{c.authorName}</span> <time dateTime={c.createdAt}>{formatDate(c.createdAt, ctx.locale)}</time>
              {c.editedAt ? ` · ${strings.edited}` : null}
            </p>
          ) : null}
          {live ? (
            <div className="c-body" dangerouslySetInnerHTML={{ __html: c.html }} />
          ) : (
            <p className="text-sm italic text-neutral-600">{strings.removed}</p>
          )}
          {c.state === 'HELD' ? <p className="mt-1 inline-block rounded bg-amber-100 px-2 py-0.5 text-xs text-amber-900">{strings.held}</p> : null}
          {live && (viewer || c.likeCount > 0) ? (
            <div className="c-actions">
              {canAdd && c.state === 'VISIBLE' ? (
                <LikeButton commentId={c.id} returnTo={ctx.returnTo} liked={ctx.liked.has(c.id)} count={c.likeCount} strings={strings} initialState={flashFor(ctx, 'like', c.id)} />
              ) : c.likeCount > 0 ? (
                <span className="text-sm text-neutral-700" data-testid="like-count">
                  ♥ {c.likeCount}
                </span>
              ) : null}
              {/* Forms refused because comments were turned off meanwhile still show, with the message and the text. */}
              {canWrite && c.state === 'VISIBLE' && (ctx.open || replyFlash) ? (
                <details className="w-full sm:w-auto" open={!!replyFlash}>
                  <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.reply}</summary>
                  <div className="mt-2 sm:min-w-96">
                    <CommentForm postId={ctx.postId} parentId={c.id} returnTo={ctx.returnTo} strings={strings} label={strings.replyLabel} initialState={replyFlash} />
                  </div>
                </details>
              ) : null}
              {/* A refused edit (the window closed meanwhile) still shows the form, with the message and the text. */}
              {own && canWrite && ((canAdd && ctx.editable.has(c.id)) || editFlash) ? (
                <details open={!!editFlash}>
                  <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.edit}</summary>
                  <EditForm commentId={c.id} returnTo={ctx.returnTo} source={c.source} strings={strings} initialState={editFlash} />
                </details>
              ) : null}
              {own && canWrite ? <DeleteButton commentId={c.id} returnTo={ctx.returnTo} strings={strings} initialState={flashFor(ctx, 'delete', c.id)} /> : null}
              {viewer && !own && canWrite ? (
                ctx.reported.has(c.id) ? (
                  <span className="text-sm text-neutral-600">{strings.reported}</span>
                ) : (
                  <details open={!!reportFlash}>
                    <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.report}</summary>
                    <ReportForm commentId={c.id} returnTo={ctx.returnTo} strings={strings} initialState={reportFlash} />
                  </details>
                )
              ) : null}
            </div>
          ) : null}
        </div>
      </article>
      {c.replies.length > 0 ? (
        <ol className="c-replies">
          {c.replies.map((r) => (
            <CommentItem key={r.id} comment={r} ctx={ctx} />
          ))}
        </ol>
      ) : null}
    </li>
  );
}
