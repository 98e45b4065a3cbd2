import Link from 'next/link';
import type { ReactNode } from 'react';
import { PostCover } from '@/components/post/cover-image';
import { PostGrid } from '@/components/post/post-card';
import { PostCounters } from '@/components/post/post-counters';
import { ShareLinks } from '@/components/post/share-links';
import { PostJsonLd } from '@/components/seo/post-json-ld';
import { ViewBeacon } from '@/components/post/view-beacon';
import { Avatar } from '@/components/ui/avatar';
import { getRecentPosts, type PostDetail } from '@/lib/dal/posts';
import { getRelatedPosts } from '@/lib/dal/related';
import { postUrl } from '@/lib/site-url';
import { formatDate, formatNumber } from '@/lib/i18n';
import { getSiteContext } from '@/lib/site';

// The post page as on Wix: author and date, the article, share links, counters and the
// heart, Related Posts, Recent Posts with "See All", and the comments section. Shared by /post/[slug] (cached
// as a whole, for everyone without a session) and /post/[slug]/comments (the same page
// with a dynamic comments section: signed-in readers, other sorts and pages). Rendering
// only: which post a slug names, its redirect and its metadata are the route's
// (app/(site)/post/[slug]/post-route.ts).

/** `like` and `comments`: the heart and the comments section as the page's route renders them (for everyone, or for the reader). */
export async function PostPageBody({ post, like, comments }: { post: PostDetail; like: ReactNode; comments: ReactNode }) {
  const { t, locale } = await getSiteContext();
  const [related, newest] = await Promise.all([getRelatedPosts(post.id), getRecentPosts(post.slug, 6)]);
  // Recent Posts leaves out the posts Related Posts already shows: the same card twice, one
  // row apart, would only take the place of a post the reader has not seen.
  const shown = new Set(related.map((p) => p.id));
  const recent = newest.filter((p) => !shown.has(p.id)).slice(0, 3);
  const url = postUrl(post.slug);
  return (
    <>
      <PostJsonLd post={post} />
      <article className="mx-auto max-w-3xl rounded-lg border border-neutral-200 bg-white px-6 py-10 sm:px-12">
        <header>
          <div className="flex items-center gap-3 text-sm text-neutral-700">
            <Avatar name={post.author.name} image={post.author.image} size={36} />
            <div>
              <p id="author" className="font-medium text-neutral-900" data-testid="post-author">
                {post.author.name}
              </p>
              <p>
                <time dateTime={post.publishedAt}>{formatDate(post.publishedAt, locale)}</time>
                <span aria-hidden="true"> · </span>
                {t.minRead(formatNumber(post.readingMinutes, locale))}
              </p>
            </div>
          </div>
          <h1 className="mt-6 text-3xl font-bold leading-tight text-neutral-900 sm:text-4xl">{post.title}</h1>
        </header>
        {post.coverImage ? <PostCover src={post.coverImage} alt={post.coverAlt ?? ''} size={post.coverSize} /> : null}
        <div className="prose prose-neutral mt-8 max-w-none" dangerouslySetInnerHTML={{ __html: post.html }} />
        <footer className="mt-10 space-y-6 border-t border-neutral-200 pt-6">
          {post.categories.length + post.tags.length > 0 ? (
            <ul className="flex flex-wrap gap-2 text-sm" aria-label={t.categories}>
              {post.categories.map((c) => (
                <li key={c.slug}>
                  <Link href={`/blog/categories/${c.slug}`} className="chip">
                    {c.name}
                  </Link>
                </li>
              ))}
              {post.tags.map((tag) => (
                <li key={tag.slug}>
                  <Link href={`/blog/tags/${tag.slug}`} className="chip">
                    #{tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
          <ShareLinks url={url} title={post.title} t={t} />
          <div className="flex flex-wrap items-center justify-between gap-4">
            <PostCounters postId={post.id} t={t} locale={locale} />
            {like}
          </div>
        </footer>
      </article>
      <ViewBeacon postId={post.id} />
      <noscript>
        {/* eslint-disable-next-line @next/next/no-img-element -- the no-JavaScript view counter */}
        <img src={`/api/views?p=${post.id}`} alt="" width={1} height={1} />
      </noscript>

      {related.length > 0 ? (
        <section aria-labelledby="related-posts" className="mx-auto mt-12 max-w-5xl" data-testid="related-posts">
          <h2 id="related-posts" className="mb-6 text-xl font-semibold">
            {t.relatedPosts}
          </h2>
          <PostGrid posts={related} t={t} locale={locale} headingLevel={3} />
        </section>
      ) : null}

      <section aria-labelledby="recent-posts" className="mx-auto mt-12 max-w-5xl">
        <div className="mb-6 flex items-baseline justify-between">
          <h2 id="recent-posts" className="text-xl font-semibold">
            {t.recentPosts}
          </h2>
          <Link href="/blog" className="btn-link">
            {t.seeAll}
          </Link>
        </div>
        <PostGrid posts={recent} t={t} locale={locale} headingLevel={3} />
      </section>

      <div className="mx-auto max-w-3xl">
        {comments}
      </div>
    </>
  );
}
