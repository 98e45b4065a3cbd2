import Link from 'next/link';
import { signInPath } from '@/lib/auth/callback';
import { DELETE_FORM_ID, fillThread, LIKE_FORM_ID, type ReaderLayer } from '@/lib/comments/thread-html';
import { readerNameHtml } from '@/lib/comments/reader-name.mjs';
import { shellDataAttribute } from '@/lib/comments/reader-shell';
import { heartTemplates } from '@/lib/posts/like-templates';
import { counterTemplates } from '@/lib/posts/counter-templates';
import { commentEditWindowMs } from '@/lib/dal/settings';
import { getThreadPage, type ThreadPage } from '@/lib/comments/thread-page';
import { COMMENT_SORTS, getCommentPage, withHeldComments, type CommentSort, type ThreadComment, type ViewerCommentState } from '@/lib/dal/comments';
import { getSiteSettings } from '@/lib/dal/settings';
import type { Viewer } from '@/lib/dal/users';
import { pageFlash, type Flash } from '@/lib/form-flash';
import { formatNumber, type Dictionary, type Locale } from '@/lib/i18n';
import { CommentForm } from './comment-form';
import { DeleteForm, LikeForm } from './comment-controls';
import { CommentItem, flashFor, type CommentContext } from './comment-item';

// The comments section at the foot of a post ("Comentarios" on the Spanish site).
// Anonymous readers get the cached public thread and a sign-in prompt; signed-in
// readers are served the dynamic variant (/post/[slug]/comments, by a rewrite on the
// session cookie) with the forms and their own held comments. Both show the same cached
// thread HTML (lib/comments/thread-page.ts) with each reader's controls filled in; only
// the threads with the reader's own comments or a form they opened are rendered per
// request (components/comments/comment-item.tsx).

type Props = {
  post: { id: string; slug: string };
  t: Dictionary;
  locale: Locale;
  sort: CommentSort;
  page: number;
  viewer: Viewer | null;
  viewerState: ViewerCommentState | null;
  /** The comment whose reply, report or edit form the reader opened (`?reply=`, `?report=`, `?edit=`). */
  open?: { reply?: string; report?: string; edit?: string };
  /**
   * The shared shell of the signed-in page (app/(site)/post/[slug]/comments with the shell cookie): rendered
   * for no reader in particular, with each comment's controls delimited so the production
   * server can put one reader's in (lib/comments/reader-splice.mjs).
   */
  shell?: boolean;
};

/** The comment a refused plain form post of `kind` came back to, if any. */
function flashTarget(flash: Flash | null, kind: string): string | undefined {
  const [k, id] = flash?.key.split(':') ?? [];
  return k === kind && id && id !== 'new' ? id : undefined;
}

/** The threads a request renders itself: those with the reader's held replies, or the form they opened or got back. */
function readerThreads(data: ThreadPage, held: ThreadComment[], targets: (string | null | undefined)[]): Set<string> {
  const threads = new Set<string>();
  const add = (id: string | null | undefined) => {
    const thread = id && Object.hasOwn(data.threadOf, id) ? data.threadOf[id] : undefined;
    if (thread) threads.add(thread);
  };
  for (const h of held) add(h.parentId);
  for (const id of targets) add(id);
  return threads;
}

function threadHref(slug: string, sort: CommentSort, page: number): string {
  const params = new URLSearchParams();
  if (sort !== 'newest') params.set('sort', sort);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `/post/${slug}/comments${query ? `?${query}` : ''}#comments`;
}

export async function CommentSection({ post, t, locale, sort, page, viewer, viewerState, open = {}, shell = false }: Props) {
  const settings = await getSiteSettings();
  const data = await getThreadPage(post.id, sort, page, settings.commentsPerPage, locale);
  const strings = t.commentUi;
  const returnTo = sort === 'newest' && data.page === 1 ? `/post/${post.slug}` : threadHref(post.slug, sort, data.page).replace('#comments', '');
  // Only the signed-in variant is per request; the anonymous one and the shell are cached and carry no flash.
  const flash = viewer && !shell ? await pageFlash() : null;
  const layer: ReaderLayer | null = viewer
    ? {
        viewerId: viewer.id,
        canWrite: !viewer.banned,
        open: settings.commentsEnabled,
        liked: new Set(viewerState?.liked),
        reported: new Set(viewerState?.reported),
        editable: new Set(viewerState?.editable),
        returnTo,
        replyTo: flashTarget(flash, 'comment') ?? open.reply ?? null,
        reportOn: flashTarget(flash, 'report') ?? open.report ?? null,
        editOn: flashTarget(flash, 'edit') ?? open.edit ?? null,
        flash,
        strings,
      }
    : null;
  const held = viewerState?.held ?? [];
  const own = layer ? readerThreads(data, held, [layer.replyTo, layer.reportOn, layer.editOn]) : new Set<string>();
  // The reader's threads from the cached page's tree, with their held comments in place;
  // held comments that start a thread come first (on the first page).
  const tree = own.size > 0 || held.length > 0 ? withHeldComments((await getCommentPage(post.id, sort, data.page, settings.commentsPerPage)).threads, held, data.page === 1) : [];
  const treeById = new Map(tree.map((c) => [c.id, c]));
  const heldThreads = tree.filter((c) => !Object.hasOwn(data.threadOf, c.id));
  const ctx: CommentContext | null = layer ? { postId: post.id, locale, layer } : null;
  const sectionMessage = flash?.key === 'comments' ? flash.state.message : undefined;
  const newCommentFlash = layer ? flashFor(layer, 'comment', '') : null;
  const threadCount = data.threads.length + heldThreads.length;
  return (
    <section id="comments" data-reader-shell={shell ? shellDataAttribute(strings, returnTo, settings.commentsEnabled, commentEditWindowMs(settings), heartTemplates(t, locale), counterTemplates(t, locale)) : undefined} aria-labelledby="comments-heading" className="mt-12 scroll-mt-24 rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id="comments-heading" className="text-xl font-semibold text-neutral-900">
        {t.comments}
      </h2>
      {sectionMessage ? (
        <p role="alert" className="form-message mt-4">
          {sectionMessage}
        </p>
      ) : null}
      <div className="mt-4">
        {!settings.commentsEnabled && !newCommentFlash ? (
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
              {/* HTML, not a React text: the shell's copy is filled per reader by the production server. */}
              {strings.signedInAs} <strong data-reader-name="" dangerouslySetInnerHTML={{ __html: shell ? '' : readerNameHtml(viewer.name) }} />
            </p>
            <CommentForm postId={post.id} returnTo={returnTo} strings={strings} label={strings.writeLabel} initialState={newCommentFlash} />
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
      {layer?.canWrite && layer.open ? <LikeForm id={LIKE_FORM_ID} returnTo={returnTo} /> : null}
      {layer?.canWrite ? <DeleteForm id={DELETE_FORM_ID} returnTo={returnTo} strings={strings} /> : null}
      {threadCount === 0 ? (
        <p className="mt-6 text-neutral-700">{t.noComments}</p>
      ) : (
        <ol className="mt-6 space-y-6" data-testid="comment-list">
          {ctx ? heldThreads.map((c) => <CommentItem key={c.id} comment={c} ctx={ctx} />) : null}
          {data.threads.map((thread) => {
            const mine = ctx && own.has(thread.id) ? treeById.get(thread.id) : undefined;
            return mine && ctx ? (
              <CommentItem key={thread.id} comment={mine} ctx={ctx} />
            ) : (
              <li key={thread.id} id={`comment-${thread.id}`} dangerouslySetInnerHTML={{ __html: fillThread(thread.html, data.meta, layer, { delimit: shell }) }} />
            );
          })}
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
