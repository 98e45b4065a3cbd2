import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { TextDiff } from '@/components/admin/text-diff';
import { restoreRevisionAction } from '@/lib/actions/admin-posts';
import { signInPath } from '@/lib/auth/callback';
import { getRevision, listRevisions } from '@/lib/dal/admin-post-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { isId } from '@/lib/validations/ids.mjs';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Post history' };

export default function HistoryPage({ params, searchParams }: PageProps<'/admin/posts/[id]/history'>) {
  return <History params={params} searchParams={searchParams} />;
}

const at = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

async function History({ params, searchParams }: Pick<PageProps<'/admin/posts/[id]/history'>, 'params' | 'searchParams'>) {
  const { id } = await params;
  const { rev } = await searchParams;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/posts/${id}/history`));
  const data = isId(id) ? await listRevisions(viewer, id) : null;
  if (!data) notFound();
  const { post, revisions } = data;
  const chosenId = typeof rev === 'string' ? rev : revisions[0]?.id;
  const [chosen, flash] = await Promise.all([chosenId ? getRevision(id, chosenId) : null, formFlash('history')]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/admin/posts/${id}`} className="btn-link">
          ← Back to the editor
        </Link>
      </p>
      <h1 className="mb-6 text-3xl font-semibold">History of “{post.title}”</h1>
      {flash?.message ? (
        <p role="alert" className="form-message mb-4">
          {flash.message}
        </p>
      ) : null}
      {revisions.length === 0 ? (
        <p className="text-neutral-700">No revisions yet: one is kept each time a save changes the title or the body.</p>
      ) : (
        <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <nav aria-label="Revisions">
            <ol className="space-y-1 text-sm">
              {revisions.map((r) => (
                <li key={r.id}>
                  <Link href={`/admin/posts/${id}/history?rev=${r.id}`} aria-current={r.id === chosen?.id ? 'true' : undefined} className="block rounded px-2 py-1 hover:bg-neutral-100 aria-[current=true]:bg-neutral-900 aria-[current=true]:text-white">
                    <time dateTime={r.createdAt}>{at(r.createdAt)}</time> · {r.authorName}
                  </Link>
                </li>
              ))}
            </ol>
          </nav>
          {chosen ? (
            <section aria-labelledby="diff-heading" className="min-w-0 space-y-3">
              <h2 id="diff-heading" className="text-lg font-semibold">
                Revision of {at(chosen.createdAt)} compared with the current text
              </h2>
              {chosen.title !== post.title ? (
                <p className="text-sm">
                  Title then: <strong>{chosen.title}</strong> (now: {post.title})
                </p>
              ) : null}
              <TextDiff before={post.body} after={chosen.body} />
              <form action={restoreRevisionAction}>
                <input type="hidden" name="id" value={id} />
                <input type="hidden" name="revisionId" value={chosen.id} />
                <input type="hidden" name="version" value={post.version} />
                <button type="submit" className="btn-primary">
                  Restore this revision
                </button>
              </form>
            </section>
          ) : (
            <p className="text-neutral-700">That revision does not belong to this post.</p>
          )}
        </div>
      )}
    </>
  );
}
