import { Count } from '@/components/post/count';
import { getPostCounters } from '@/lib/dal/posts';
import { formatNumber, type Dictionary, type Locale } from '@/lib/i18n';

/**
 * "N views · N comments", from a short-lived cache (a few seconds behind at most); on a
 * signed-in page from the shared shell, the reader's current counts (components/post/count.tsx).
 */
export async function PostCounters({ postId, t, locale }: { postId: string; t: Dictionary; locale: Locale }) {
  const { viewCount, commentCount } = await getPostCounters(postId);
  return (
    <p className="text-sm text-neutral-600" data-testid="post-counters">
      <Count kind="views" postId={postId} text={t.views(formatNumber(viewCount, locale))} testId="view-count" />
      <span aria-hidden="true"> · </span>
      <a href="#comments" className="hover:underline" data-testid="comment-count">
        <Count kind="comments" postId={postId} text={t.commentCount(formatNumber(commentCount, locale))} />
      </a>
    </p>
  );
}
