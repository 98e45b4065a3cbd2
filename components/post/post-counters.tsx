import { getPostCounters } from '@/lib/dal/posts';
import { formatNumber, type Dictionary, type Locale } from '@/lib/i18n';

/** "N views · N comments", from a short-lived cache (a few seconds behind at most). */
export async function PostCounters({ postId, t, locale }: { postId: string; t: Dictionary; locale: Locale }) {
  const { viewCount, commentCount } = await getPostCounters(postId);
  return (
    <p className="text-sm text-neutral-600" data-testid="post-counters">
      <span data-testid="view-count">{t.views(formatNumber(viewCount, locale))}</span>
      <span aria-hidden="true"> · </span>
      <a href="#comments" className="hover:underline" data-testid="comment-count">
        {t.commentCount(formatNumber(commentCount, locale))}
      </a>
    </p>
  );
}
