import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { CommentSection } from '@/components/comments/comment-section';
import { PostLike } from '@/components/post/post-like';
import { PostPageBody } from '@/components/post/post-page';
import { getPostForSlug, postMetadata, redirectOrNotFound } from '../post-route';
import { SHELL_VIEWER } from '@/lib/comments/reader-shell';
import { SHELL_COOKIE } from '@/lib/cookie-names.mjs';
import { getViewerCommentState } from '@/lib/dal/comments';
import type { PostDetail } from '@/lib/dal/posts';
import { commentEditWindowMs } from '@/lib/dal/settings';
import { getViewer } from '@/lib/dal/users';
import { getSiteContext } from '@/lib/site';
import { threadQuerySchema } from '@/lib/validations/comments';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

// The post page with a dynamic comments section. Signed-in readers get it in place of
// /post/[slug] (a rewrite on the session cookie in next.config.js, so the address stays
// the same); anyone gets it for another sort or page of comments. Not indexed: the
// canonical address is the post's. With the shell cookie (sent only by the production
// server to itself) it is the signed-in page for no reader in particular, which the server
// fills in per reader (server/reader-pages.mjs): the same route, so the page a reader's
// browser hydrates is the one their later refreshes render.

// The same slugs as the post page, so the article is prerendered and only the comments stream.
export { generateStaticParams } from '../page';

export async function generateMetadata({ params }: PageProps<'/post/[slug]/comments'>): Promise<Metadata> {
  const post = await getPostForSlug((await params).slug);
  return post ? postMetadata(post, { indexable: false }) : {};
}

export default async function PostWithCommentsPage({ params, searchParams }: PageProps<'/post/[slug]/comments'>) {
  const post = await getPostForSlug((await params).slug);
  if (!post) return redirectOrNotFound((await params).slug);
  return (
    <PostPageBody
      post={post}
      like={<ReaderLike post={post} />}
      comments={<ReaderComments post={post} searchParams={searchParams} />}
    />
  );
}

/** The heart for the reader: in the shell, for no one (the production server fills it per reader). */
async function ReaderLike({ post }: { post: PostDetail }) {
  if ((await cookies()).has(SHELL_COOKIE)) return <PostLike post={post} viewer={SHELL_VIEWER} shell />;
  return <PostLike post={post} viewer={await getViewer()} />;
}

async function ReaderComments({ post, searchParams }: { post: PostDetail; searchParams: PageProps<'/post/[slug]/comments'>['searchParams'] }) {
  const { sort, page, reply, report, edit } = threadQuerySchema.parse(await searchParams);
  if ((await cookies()).has(SHELL_COOKIE)) {
    const { t, locale } = await getSiteContext();
    return <CommentSection post={post} t={t} locale={locale} sort="newest" page={1} viewer={SHELL_VIEWER} viewerState={null} shell />;
  }
  const [viewer, { t, locale, settings }] = await Promise.all([getViewer(), getSiteContext()]);
  const viewerState = viewer ? await getViewerCommentState(post.id, viewer.id, commentEditWindowMs(settings)) : null;
  return <CommentSection post={post} t={t} locale={locale} sort={sort} page={page} viewer={viewer} viewerState={viewerState} open={{ reply, report, edit }} />;
}
