'use client';

import { useActionState } from 'react';
import { useFormStatus } from 'react-dom';
import { createCommentAction } from '@/lib/actions/comments';
import type { Dictionary } from '@/lib/i18n';
import type { FormState } from '@/lib/validations/form-state';

type Strings = Dictionary['commentUi'];

// Writing a comment or a reply. A plain form post without JavaScript (the server action
// redirects back to the new comment); with it, the comment shows at once while it is
// sent, errors appear inline, and the text stays as typed on any error.
export function CommentForm({
  postId,
  parentId,
  returnTo,
  strings,
  label,
  autoFocus = false,
  initialState = null,
}: {
  postId: string;
  parentId?: string;
  returnTo: string;
  strings: Strings;
  label: string;
  autoFocus?: boolean;
  /** What a refused plain form post left for this form (lib/form-flash.ts). */
  initialState?: FormState;
}) {
  // The action goes to <form action> as is: that is what lets the form post without JavaScript.
  const [state, action, pending] = useActionState(createCommentAction, initialState);
  const id = `comment-body-${parentId ?? 'new'}`;
  const errorId = `${id}-error`;
  const error = state?.fieldErrors?.body ?? state?.message;
  return (
    <form action={action} className="space-y-2" data-testid={parentId ? 'reply-form' : 'comment-form'}>
      <input type="hidden" name="postId" value={postId} />
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <input type="hidden" name="returnTo" value={returnTo} />
      {/* The honeypot: hidden from people and from assistive technology. */}
      <div aria-hidden="true" className="absolute left-[-10000px] h-px w-px overflow-hidden">
        <label>
          Website
          <input type="text" name="website" tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <label htmlFor={id} className="block text-sm font-medium text-neutral-900">
        {label}
      </label>
      <textarea
        id={id}
        name="body"
        required
        maxLength={5000}
        rows={parentId ? 3 : 4}
        autoFocus={autoFocus}
        placeholder={strings.placeholder}
        defaultValue={state?.values?.body ?? ''}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className="field-input"
      />
      <div aria-live="polite" role="status">
        {error && !pending ? (
          <p id={errorId} className="field-error">
            {error}
          </p>
        ) : null}
      </div>
      <PendingPreview label={strings.previewPending} />
      <button type="submit" className="btn-primary" disabled={pending} aria-disabled={pending}>
        {pending ? strings.publishing : parentId ? strings.reply : strings.publish}
      </button>
    </form>
  );
}

/** The comment as it is being sent, shown at once (the optimistic part). */
function PendingPreview({ label }: { label: string }) {
  const { pending, data } = useFormStatus();
  const text = pending ? data?.get('body') : null;
  if (typeof text !== 'string' || !text.trim()) return null;
  return (
    <div className="rounded-md border border-dashed border-neutral-300 p-3 text-sm text-neutral-700" data-testid="comment-optimistic">
      <p className="font-medium">{label}</p>
      <p className="mt-1 whitespace-pre-line break-words">{text}</p>
    </div>
  );
}
