import Link from 'next/link';
import type { PostCard as PostCardData } from '@/lib/dal/posts';
import { formatDate, formatNumber, type Dictionary, type Locale } from '@/lib/i18n';
import { Avatar } from '@/components/ui/avatar';
import { CardCover } from './cover-image';
import { Count } from './count';

/** A post in a list: cover, title, excerpt, author, date, reading time, views, comments and likes. */
export function PostCard({ post, t, locale, headingLevel = 2 }: { post: PostCardData; t: Dictionary; locale: Locale; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="flex w-full flex-col overflow-hidden rounded-lg border border-neutral-200 bg-white">
      {post.coverImage ? <CardCover src={post.coverImage} alt={post.coverAlt ?? ''} /> : null}
      <div className="flex flex-1 flex-col gap-3 p-5">
        <div className="flex items-center gap-2 text-xs text-neutral-600">
          <Avatar name={post.authorName} image={post.authorImage} size={24} />
          <span>{post.authorName}</span>
          <span aria-hidden="true">·</span>
          <time dateTime={post.publishedAt} className="whitespace-nowrap">{formatDate(post.publishedAt, locale)}</time>
          <span aria-hidden="true">·</span>
          <span className="whitespace-nowrap">{t.minRead(formatNumber(post.readingMinutes, locale))}</span>
        </div>
        <Heading className="text-lg font-semibold leading-snug text-neutral-900">
          <Link href={`/post/${post.slug}`} className="hover:underline">
            {post.title}
          </Link>
        </Heading>
        <p className="line-clamp-3 text-sm text-neutral-700">{post.excerpt}</p>
        <p className="mt-auto border-t border-neutral-100 pt-3 text-xs text-neutral-600">
          <Count kind="views" postId={post.id} text={t.views(formatNumber(post.viewCount, locale))} /> ·{' '}
          <Count kind="comments" postId={post.id} text={t.commentCount(formatNumber(post.commentCount, locale))} /> ·{' '}
          <span data-testid="card-like-count">
            <span aria-hidden="true">♡ </span>
            <Count kind="likes" postId={post.id} text={t.likeCount(formatNumber(post.likeCount, locale))} />
          </span>
        </p>
      </div>
    </article>
  );
}

export function PostGrid({ posts, t, locale, headingLevel = 2 }: { posts: PostCardData[]; t: Dictionary; locale: Locale; headingLevel?: 2 | 3 }) {
  if (posts.length === 0) return <p className="text-neutral-700">{t.noPosts}</p>;
  return (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {posts.map((post) => (
        <li key={post.id} className="flex">
          <PostCard post={post} t={t} locale={locale} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
