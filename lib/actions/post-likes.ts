'use server';

import { signInPath } from '@/lib/auth/callback';
import { TAGS } from '@/lib/cache-tags';
import { likePost } from '@/lib/posts/likes';
import { safeCallbackPath } from '@/lib/validations/auth';
import { POST_LIKE_FORM_KEY } from '@/lib/validations/post-likes';
import { formAction } from './form-action';

/** The heart's anchor on the post page. */
const ANCHOR = 'like';

/** The post page the form was posted from, without #fragment. */
function backTo(form: FormData): string {
  const returnTo = form.get('returnTo');
  return safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, '/').split('#')[0] ?? '/';
}

/**
 * The post like form's action, through formAction: the rules are lib/posts/likes.ts
 * (session, ban, input, rate limit, a published post). A reader without a session goes to
 * sign in and comes back to the heart. A like expires the post's counters, so its cached
 * page (and the signed-in shell) show the new count at once; cards on lists catch up within
 * the `counters` profile. With JavaScript the answer is the state (Next refreshes the page
 * in the same round trip, as a tag was expired); without, a redirect back to the heart.
 */
export const setPostLikeAction = formAction({ key: POST_LIKE_FORM_KEY, back: (form) => `${backTo(form)}#${ANCHOR}` }, async ({ viewer, form, t }) => {
  const result = await likePost(viewer, Object.fromEntries(form), t);
  if (!result.ok && result.status === 401) return { ok: true, then: { redirect: signInPath(`${backTo(form)}#${ANCHOR}`) } };
  if (!result.ok) return { ok: false, message: result.message, status: result.status };
  return { ok: true, tags: [TAGS.counters(result.postId)], then: { script: { ok: true }, redirect: `${backTo(form)}#${ANCHOR}` } };
});
