import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { signInPath } from '@/lib/auth/callback';
import { FlashNotice } from '@/components/admin/flash-notice';
import { canUseAdmin, isAdmin } from '@/lib/auth/permissions';
import { createPostAction, emptyTrashAction, restorePostAction } from '@/lib/actions/admin-posts';
import { listAdminPosts, POST_FILTERS, type AdminPostRow } from '@/lib/dal/admin-post-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Posts' };

const querySchema = z.object({
  filter: z.enum(POST_FILTERS).catch('all'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const FILTER_LABELS = { all: 'All', drafts: 'Drafts', scheduled: 'Scheduled', published: 'Published', trash: 'Trash' } as const;

function statusText(row: AdminPostRow): string {
  if (row.trashed) return 'in the trash';
  if (row.status === 'DRAFT') return 'draft';
  if (row.publishedAt && new Date(row.publishedAt) > new Date()) return `scheduled for ${row.publishedAt.slice(0, 16).replace('T', ' ')} UTC`;
  return 'published';
}

export default function PostsPage({ searchParams }: PageProps<'/admin/posts'>) {
  return (
    <>
      <div className="mb-6 flex items-center justify-between">
        <h1 className="text-3xl font-semibold">Posts</h1>
        <form action={createPostAction}>
          <button type="submit" className="btn-primary">
            New post
          </button>
        </form>
      </div>
      <PostList searchParams={searchParams} />
    </>
  );
}

async function PostList({ searchParams }: { searchParams: PageProps<'/admin/posts'>['searchParams'] }) {
  const { filter, page } = querySchema.parse(await searchParams);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/posts?filter=${filter}`));
  if (!canUseAdmin(viewer)) return <p className="form-message">The admin area is for staff.</p>;
  const [{ rows, hasMore }, flash] = await Promise.all([listAdminPosts(viewer, filter, page), formFlash('posts')]);
  return (
    <>
      <FlashNotice state={flash} />
      <nav aria-label="Filter posts" className="mb-4 flex flex-wrap gap-2">
        {POST_FILTERS.map((f) => (
          <Link key={f} href={`/admin/posts?filter=${f}`} aria-current={f === filter ? 'page' : undefined} className="chip aria-[current=page]:bg-neutral-900 aria-[current=page]:text-white">
            {FILTER_LABELS[f]}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p className="text-neutral-700">No posts here yet.</p>
      ) : (
        <table className="w-full text-left text-sm" data-testid="post-table">
          <thead>
            <tr className="border-b border-neutral-300">
              <th className="py-2">Title</th>
              <th>Status</th>
              <th>Author</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} className="border-b border-neutral-200">
                <td className="py-2">
                  {row.trashed ? (
                    <form action={restorePostAction} className="flex items-center gap-2">
                      <span>{row.title}</span>
                      <input type="hidden" name="id" value={row.id} />
                      <button type="submit" className="btn-link">
                        Restore
                      </button>
                    </form>
                  ) : (
                    <Link href={`/admin/posts/${row.id}`} className="btn-link">
                      {row.title}
                    </Link>
                  )}
                </td>
                <td>{statusText(row)}</td>
                <td>{row.authorName}</td>
                <td>
                  <time dateTime={row.updatedAt}>{row.updatedAt.slice(0, 16).replace('T', ' ')} UTC</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {filter === 'trash' && rows.length > 0 && isAdmin(viewer) ? (
        <details className="mt-6">
          <summary className="cursor-pointer text-sm font-medium text-red-800">Empty the trash…</summary>
          <form action={emptyTrashAction} className="mt-2 space-y-2 text-sm">
            <p>Every post in the trash is deleted for good, with its comments, revisions and view counts. This cannot be undone.</p>
            <button type="submit" className="btn-secondary text-red-800">
              Delete the posts in the trash for good
            </button>
          </form>
        </details>
      ) : null}
      {hasMore ? (
        <Link href={`/admin/posts?filter=${filter}&page=${page + 1}`} className="btn-link mt-4 inline-block">
          More posts
        </Link>
      ) : null}
    </>
  );
}
