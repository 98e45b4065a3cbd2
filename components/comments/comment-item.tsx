import type { ThreadComment } from '@/lib/dal/comments';
import { shownAuthorName } from '@/lib/comments/deleted-account';
import { actionsHtml, commentParts, type ReaderLayer } from '@/lib/comments/thread-html';
import type { Locale } from '@/lib/i18n';
import { commentFormKey, type CommentFormKind } from '@/lib/validations/comment-forms';
import type { FormState } from '@/lib/validations/form-state';
import { CommentForm } from './comment-form';
import { EditForm, ReportForm } from './comment-controls';

export type CommentContext = {
  postId: string;
  locale: Locale;
  layer: ReaderLayer;
};

/** The flash for the form `kind` on comment `id`, if it is the one the reader posted. */
export function flashFor(layer: Pick<ReaderLayer, 'flash'>, kind: CommentFormKind, id: string): FormState {
  return layer.flash && layer.flash.key === commentFormKey(kind, id).key ? layer.flash.state : null;
}

// One comment and its replies, for the threads a signed-in request renders itself: those
// with a form the reader opened (reply, report or edit, by a link that works without
// JavaScript), a form a plain post sent back with its message, or their held comments. The
// comment's text and its like, reply, edit, delete and report controls are the same HTML the
// shared threads carry (lib/comments/thread-html.ts); the forms are React (they keep what
// was typed, show pending and errors in place, and post without JavaScript too).
export function CommentItem({ comment: c, ctx }: { comment: ThreadComment; ctx: CommentContext }) {
  const { layer } = ctx;
  const { strings } = layer;
  const own = c.authorId === layer.viewerId;
  const canAdd = layer.canWrite && layer.open;
  const live = c.state !== 'REMOVED';
  const replyFlash = flashFor(layer, 'comment', c.id);
  const editFlash = flashFor(layer, 'edit', c.id);
  const reportFlash = flashFor(layer, 'report', c.id);
  const parts = commentParts(c, strings, ctx.locale);
  const plain = actionsHtml(c.id, c, layer, { wrap: false });
  const reply = live && layer.canWrite && c.state === 'VISIBLE' && layer.replyTo === c.id && (layer.open || replyFlash);
  const edit = live && own && layer.canWrite && ((canAdd && layer.editable.has(c.id) && layer.editOn === c.id) || editFlash);
  const report = live && !own && layer.canWrite && layer.reportOn === c.id && !layer.reported.has(c.id);
  return (
    <li id={`comment-${c.id}`}>
      <article className="flex gap-3" aria-label={live ? shownAuthorName(c, strings) : strings.removed}>
        <span className="contents" dangerouslySetInnerHTML={{ __html: parts.avatar }} />
        <div className="min-w-0 flex-1">
          <div dangerouslySetInnerHTML={{ __html: parts.main }} />
          {plain || reply || edit || report ? (
            <div className="c-actions">
              {plain ? <span className="contents" dangerouslySetInnerHTML={{ __html: plain }} /> : null}
              {reply ? (
                <details className="w-full sm:w-auto" open>
                  <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.reply}</summary>
                  <div className="mt-2 sm:min-w-96">
                    <CommentForm postId={ctx.postId} parentId={c.id} returnTo={layer.returnTo} strings={strings} label={strings.replyLabel} autoFocus={!replyFlash} initialState={replyFlash} />
                  </div>
                </details>
              ) : null}
              {/* A refused edit (the window closed meanwhile) still shows the form, with the message and the text. */}
              {edit ? (
                <details open>
                  <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.edit}</summary>
                  <EditForm commentId={c.id} returnTo={layer.returnTo} source={c.source} strings={strings} initialState={editFlash} />
                </details>
              ) : null}
              {report ? (
                <details open>
                  <summary className="cursor-pointer text-sm text-neutral-700 hover:text-neutral-900">{strings.report}</summary>
                  <ReportForm commentId={c.id} returnTo={layer.returnTo} strings={strings} initialState={reportFlash} />
                </details>
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
