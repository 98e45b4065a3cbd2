'use server';

import { redirect } from 'next/navigation';
import { signInPath } from '@/lib/auth/callback';
import { TAGS } from '@/lib/cache-tags';
import { invalidate } from '@/lib/cache-invalidation';
import { getViewer } from '@/lib/dal/users';
import { answerForm, postedByScript } from '@/lib/form-flash';
import { likePost } from '@/lib/posts/likes';
import { getSiteContext } from '@/lib/site';
import { safeCallbackPath } from '@/lib/validations/auth';
import type { FormState } from '@/lib/validations/form-state';
import { POST_LIKE_FORM_KEY } from '@/lib/validations/post-likes';

/** The heart's anchor on the post page. */
const ANCHOR = 'like';

/**
 * The post like form's action: the rules are lib/posts/likes.ts (session, ban, input, rate
 * limit, a published post). A reader without a session goes to sign in and comes back to
 * the heart. A like expires the post's counters, so its cached page (and the signed-in
 * shell) show the new count at once; cards on lists catch up within the `counters` profile.
 * With JavaScript the answer is the state (Next refreshes the page in the same round trip,
 * as a tag was expired); without, a redirect back to the heart.
 */
export async function setPostLikeAction(_prev: FormState, form: FormData): Promise<FormState> {
  const returnTo = form.get('returnTo');
  const back = safeCallbackPath(typeof returnTo === 'string' ? returnTo : null, '/').split('#')[0] ?? '/';
  const [viewer, { t }] = await Promise.all([getViewer(), getSiteContext()]);
  const result = await likePost(viewer, Object.fromEntries(form), t);
  if (!result.ok) {
    if (result.status === 401) redirect(signInPath(`${back}#${ANCHOR}`));
    return answerForm(POST_LIKE_FORM_KEY, { message: result.message, status: result.status }, `${back}#${ANCHOR}`);
  }
  invalidate(TAGS.counters(result.postId));
  if (await postedByScript()) return { ok: true };
  redirect(`${back}#${ANCHOR}`);
}
