import Link from 'next/link';
import { signInPath } from '@/lib/auth/callback';
import { COMMENT_SORTS, getCommentPage, withHeldComments, type CommentSort, type ViewerCommentState } from '@/lib/dal/comments';
import { getSiteSettings } from '@/lib/dal/settings';
import type { Viewer } from '@/lib/dal/users';
import { pageFlash } from '@/lib/form-flash';
import { formatNumber, type Dictionary, type Locale } from '@/lib/i18n';
import { CommentForm } from './comment-form';
import { CommentItem, flashFor, type CommentContext } from './comment-item';

// The comments section at the foot of a post ("Comentarios" on the Spanish site).
// Anonymous readers get the cached public thread and a sign-in prompt; signed-in
// readers are served the dynamic variant (/post/[slug]/comments, by a rewrite on the
// session cookie) with the forms and their own held comments.

type Props = {
  post: { id: string; slug: string };
  t: Dictionary;
  locale: Locale;
  sort: CommentSort;
  page: number;
  viewer: Viewer | null;
  viewerState: ViewerCommentState | null;
};

function threadHref(slug: string, sort: CommentSort, page: number): string {
  const params = new URLSearchParams();
  if (sort !== 'newest') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/post/${slug}/comments${query ? `?${query}` : ''}#comments`;
}

export async function CommentSection({ post, t, locale, sort, page, viewer, viewerState }: Props) {
  const settings = await getSiteSettings();
  const data = await getCommentPage(post.id, sort, page, settings.commentsPerPage);
  const strings = t.commentUi;
  const threads = viewerState ? withHeldComments(data.threads, viewerState.held, data.page === 1) : data.threads;
  const returnTo = threadHref(post.slug, sort, data.page).replace('#comments', '');
  const ctx: CommentContext = {
    postId: post.id,
    returnTo: sort === 'newest' && data.page === 1 ? `/post/${post.slug}` : returnTo,
    strings,
    locale,
    viewer,
    open: settings.commentsEnabled,
    liked: new Set(viewerState?.liked),
    reported: new Set(viewerState?.reported),
    editable: new Set(viewerState?.editable),
    // Only the signed-in variant is per request; the anonymous one is cached and has no forms.
    flash: viewer ? await pageFlash() : null,
  };
  const sectionMessage = ctx.flash?.key === 'comments' ? ctx.flash.state.message : undefined;
  const newCommentFlash = flashFor(ctx, 'comment', '');
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-12 scroll-mt-24 rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id="comments-heading" className="text-xl font-semibold text-neutral-900">
        {t.comments}
      </h2>
      {sectionMessage ? (
        <p role="alert" className="form-message mt-4">
          {sectionMessage}
        </p>
      ) : null}
      <div className="mt-4">
        {!ctx.open && !newCommentFlash ? (
          <p className="text-neutral-700">{t.commentsClosed}</p>
        ) : !viewer ? (
          <Link href={signInPath(`/post/${post.slug}#comments`)} prefetch={false} className="btn-link">
            {t.logInToComment}
          </Link>
        ) : viewer.banned ? (
          <p className="text-neutral-700">{strings.banned}</p>
        ) : (
          <>
            <p className="mb-2 text-sm text-neutral-700">
              {strings.signedInAs} <strong>{viewer.name}</strong>
            </p>
            <CommentForm postId={post.id} returnTo={ctx.returnTo} strings={strings} label={strings.writeLabel} initialState={newCommentFlash} />
          </>
        )}
      </div>
      {data.threadCount > 1 ? (
        <nav aria-label={strings.sortBy} className="mt-6 flex gap-4 text-sm">
          {COMMENT_SORTS.map((s) => (
            <Link key={s} href={threadHref(post.slug, s, 1)} aria-current={s === sort ? 'true' : undefined} prefetch={false} className="text-neutral-700 aria-[current=true]:font-semibold aria-[current=true]:text-neutral-900">
              {strings[s]}
            </Link>
          ))}
        </nav>
      ) : null}
      {threads.length === 0 ? (
        <p className="mt-6 text-neutral-700">{t.noComments}</p>
      ) : (
        <ol className="mt-6 space-y-6" data-testid="comment-list">
          {threads.map((c) => (
            <CommentItem key={c.id} comment={c} ctx={ctx} />
          ))}
        </ol>
      )}
      {data.pageCount > 1 ? (
        <nav aria-label={strings.threadsNav} className="mt-8 flex justify-between text-sm">
          {data.page > 1 ? (
            <Link href={threadHref(post.slug, sort, data.page - 1)} prefetch={false} className="btn-link" rel="prev">
              {strings.newerComments}
            </Link>
          ) : (
            <span />
          )}
          <span className="text-neutral-600">
            {formatNumber(data.page, locale)} / {formatNumber(data.pageCount, locale)}
          </span>
          {data.page < data.pageCount ? (
            <Link href={threadHref(post.slug, sort, data.page + 1)} prefetch={false} className="btn-link" rel="next">
              {strings.olderComments}
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </section>
  );
}
