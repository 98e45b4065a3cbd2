'use client';

import { useActionState } from 'react';
import { deleteCommentAction, editCommentAction, reportCommentAction, toggleLikeAction } from '@/lib/actions/comments';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

type Strings = Dictionary['commentUi'];

// The small interactive pieces under a comment. Each is a form, so all of them work
// without JavaScript; with it, they show pending and errors in place. `initialState` is
// what a refused plain form post left for the control (lib/form-flash.ts).

function Hidden({ commentId, returnTo }: { commentId: string; returnTo: string }) {
  return (
    <>
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </>
  );
}

function ErrorText({ message }: { message?: string }) {
  return (
    <span aria-live="polite" role="status" className="field-error">
      {message}
    </span>
  );
}

/**
 * The section's one like form. The like buttons are in the comments' shared HTML
 * (lib/comments/thread-html.ts) and belong to this form by their `form` attribute; the
 * button pressed sends its comment's id. Errors show here; without JavaScript they come
 * back beside the button (lib/form-flash.ts).
 */
export function LikeForm({ id, returnTo }: { id: string; returnTo: string }) {
  const [state, action, pending] = useActionState(toggleLikeAction, null);
  return (
    <form id={id} action={action} aria-busy={pending} className="text-sm">
      <input type="hidden" name="returnTo" value={returnTo} />
      <ErrorText message={state?.message} />
    </form>
  );
}

/**
 * The section's one delete form, like the like form: each own comment's Delete button is in
 * the shared thread HTML and belongs to this form by its `form` attribute. With JavaScript
 * the reader confirms first.
 */
export function DeleteForm({ id, returnTo, strings }: { id: string; returnTo: string; strings: Strings }) {
  const [state, action, pending] = useActionState(deleteCommentAction, null);
  return (
    <form
      id={id}
      action={action}
      aria-busy={pending}
      className="text-sm"
      onSubmit={(event) => {
        if (!window.confirm(strings.deleteConfirm)) event.preventDefault();
      }}
    >
      <input type="hidden" name="returnTo" value={returnTo} />
      <ErrorText message={state?.message} />
    </form>
  );
}

export function EditForm({ commentId, returnTo, source, strings, initialState = null }: { commentId: string; returnTo: string; source: string; strings: Strings; initialState?: FormState }) {
  const [state, action, pending] = useActionState(editCommentAction, initialState);
  const id = `edit-${commentId}`;
  return (
    <form action={action} className="mt-2 space-y-2">
      <Hidden commentId={commentId} returnTo={returnTo} />
      <label htmlFor={id} className="sr-only">
        {strings.edit}
      </label>
      <textarea id={id} name="body" required maxLength={5000} rows={3} defaultValue={state?.values?.body ?? source} className="field-input" />
      <ErrorText message={state?.fieldErrors?.body ?? state?.message} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? strings.saving : strings.save}
      </button>
    </form>
  );
}

export function ReportForm({ commentId, returnTo, strings, initialState = null }: { commentId: string; returnTo: string; strings: Strings; initialState?: FormState }) {
  const [state, action, pending] = useActionState(reportCommentAction, initialState);
  const id = `report-${commentId}`;
  return (
    <form action={action} className="mt-2 space-y-2">
      <Hidden commentId={commentId} returnTo={returnTo} />
      <label htmlFor={id} className="block text-sm text-neutral-800">
        {strings.reportReason}
      </label>
      <input id={id} name="reason" maxLength={500} defaultValue={state?.values?.reason} className="field-input" />
      <ErrorText message={state?.fieldErrors?.reason ?? state?.message} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {strings.sendReport}
      </button>
    </form>
  );
}
