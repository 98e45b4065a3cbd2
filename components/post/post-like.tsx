import Link from 'next/link';
import { signInPath } from '@/lib/auth/callback';
import { hasLikedPost } from '@/lib/dal/post-likes';
import { getPostCounters } from '@/lib/dal/posts';
import type { Viewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { formatNumber } from '@/lib/i18n';
import { heartHtml, LIKE_SLOT } from '@/lib/posts/like-heart.mjs';
import { heartTemplates } from '@/lib/posts/like-templates';
import { getSiteContext } from '@/lib/site';
import { POST_LIKE_FORM_KEY } from '@/lib/validations/post-likes';
import { PostLikeForm } from './post-like-form';

/**
 * The heart with the post's like count, as on Wix. A reader without a session (the cached
 * page) gets a link to sign in that comes back to it; a banned reader the count alone; a
 * signed-in reader the like form with their state. `shell`: the signed-in page's shared
 * shell, rendered for no one ("not liked") between the marks the production server fills
 * per reader (lib/comments/reader-splice.mjs). The count is the page's cached counter.
 */
export async function PostLike({ post, viewer, shell = false }: { post: { id: string; slug: string }; viewer: Viewer | null; shell?: boolean }) {
  const [{ t, locale }, { likeCount }] = await Promise.all([getSiteContext(), getPostCounters(post.id)]);
  const path = `/post/${post.slug}`;
  if (!viewer || viewer.banned) {
    const parts = (
      <>
        <span aria-hidden="true">♡</span> {viewer ? null : <span className="sr-only">{t.postLikeUi.logInToLike}: </span>}
        <span data-testid="post-like-count">{t.likeCount(formatNumber(likeCount, locale))}</span>
      </>
    );
    return (
      <div id="like" className="scroll-mt-24">
        {viewer ? (
          <span className="post-like" data-testid="post-like">
            {parts}
          </span>
        ) : (
          <Link href={signInPath(`${path}#like`)} prefetch={false} className="post-like" data-testid="post-like">
            {parts}
          </Link>
        )}
      </div>
    );
  }
  const [liked, initialState] = shell ? [false, null] : await Promise.all([hasLikedPost(post.id, viewer.id), formFlash(POST_LIKE_FORM_KEY)]);
  const html = heartHtml(heartTemplates(t, locale), liked, likeCount);
  return (
    <div id="like" className="scroll-mt-24">
      <PostLikeForm postId={post.id} returnTo={path} html={shell ? `${LIKE_SLOT[0]}${html}${LIKE_SLOT[1]}` : html} initialState={initialState} />
    </div>
  );
}
