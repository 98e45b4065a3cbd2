import Link from 'next/link';
import { getVisibleComments } from '@/lib/dal/comments';
import { formatDate, type Dictionary, type Locale } from '@/lib/i18n';
import { Avatar } from '@/components/ui/avatar';

// The comments section at the foot of a post ("Comentarios" on the Spanish site).
// Writing comments arrives with accounts; until then readers see a sign-in prompt.
export async function CommentSection({ postId, t, locale }: { postId: string; t: Dictionary; locale: Locale }) {
  const comments = await getVisibleComments(postId);
  return (
    <section id="comments" aria-labelledby="comments-heading" className="mt-12 rounded-lg border border-neutral-200 bg-white p-6">
      <h2 id="comments-heading" className="text-xl font-semibold text-neutral-900">
        {t.comments}
      </h2>
      <p className="mt-4">
        <Link href="/api/auth/signin" prefetch={false} className="btn-link">
          {t.logInToComment}
        </Link>
      </p>
      {comments.length === 0 ? (
        <p className="mt-6 text-neutral-700">{t.noComments}</p>
      ) : (
        <ol className="mt-6 space-y-6">
          {comments.map((c) => (
            <li key={c.id} className="flex gap-3">
              <Avatar name={c.authorName} image={c.authorImage} />
              <div>
                <p className="text-sm">
                  <span className="font-semibold text-neutral-900">{c.authorName}</span>{' '}
                  <time dateTime={c.createdAt} className="text-neutral-600">
                    {formatDate(c.createdAt, locale)}
                  </time>
                </p>
                <p className="mt-1 whitespace-pre-line text-neutral-800">{c.body}</p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
