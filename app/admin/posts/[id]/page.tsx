import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { PostEditor } from '@/components/admin/post-editor';
import { trashPostAction } from '@/lib/actions/admin-posts';
import { signInPath } from '@/lib/auth/callback';
import { getPostForEdit, listAuthorChoices, listCategoryChoices } from '@/lib/dal/admin-post-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { isId } from '@/lib/validations/ids.mjs';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Edit post' };

export default function EditPostPage({ params }: PageProps<'/admin/posts/[id]'>) {
  return <Editor params={params} />;
}

async function Editor({ params }: { params: PageProps<'/admin/posts/[id]'>['params'] }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/posts/${id}`));
  // Unknown, trashed, or not the viewer's to edit: the same answer.
  const post = isId(id) ? await getPostForEdit(viewer, id) : null;
  if (!post) notFound();
  const [categories, authors, flash] = await Promise.all([listCategoryChoices(), listAuthorChoices(viewer), formFlash('editor')]);
  return (
    <>
      <h1 className="sr-only">Edit “{post.title}”</h1>
      <p className="mb-3 text-sm">
        <Link href="/admin/posts" className="btn-link">
          ← All posts
        </Link>
        {' · '}
        <Link href={`/admin/posts/${post.id}/history`} className="btn-link">
          History
        </Link>
      </p>
      {/* A flash means the post was changed from outside the editor (a restored revision, a
          plain form post): start a fresh editor. Otherwise keep the one the router may hold,
          so a save's re-render never resets what is being typed. */}
      <PostEditor key={flash ? `flash-${post.version}` : 'editor'} post={post} categories={categories} authors={authors} initialState={flash} />
      {post.can.publish ? (
        <form action={trashPostAction} className="mt-8 border-t border-neutral-200 pt-4">
          <input type="hidden" name="id" value={post.id} />
          <button type="submit" className="btn-secondary text-red-800">
            Move to trash
          </button>
        </form>
      ) : null}
    </>
  );
}
