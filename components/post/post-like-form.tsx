'use client';

import { useActionState } from 'react';
import { setPostLikeAction } from '@/lib/actions/post-likes';
import type { FormState } from '@/lib/validations/form-state';

/**
 * The post's like form. The heart (the submit button, lib/posts/like-heart.mjs) is HTML
 * React takes as a string, so the production server can put a signed-in reader's own state
 * into the shared shell without React noticing at hydration (server/reader-pages.mjs); a
 * refresh after the like replaces it (the shell's string carries marks the rendered one
 * never does, so React always sees a change). Works as a plain form post without JavaScript.
 */
export function PostLikeForm({ postId, returnTo, html, initialState = null }: { postId: string; returnTo: string; html: string; initialState?: FormState }) {
  const [state, action, pending] = useActionState(setPostLikeAction, initialState);
  return (
    <form action={action} aria-busy={pending} className="post-like-form">
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <span dangerouslySetInnerHTML={{ __html: html }} />
      <span aria-live="polite" role="status" className="field-error" data-testid="post-like-error">
        {state?.ok ? undefined : state?.message}
      </span>
    </form>
  );
}
