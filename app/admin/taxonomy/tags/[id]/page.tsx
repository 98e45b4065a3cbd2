import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { FlashNotice } from '@/components/admin/flash-notice';
import { OldAddresses } from '@/components/admin/old-addresses';
import { DeleteTermForm, MergeTagForm, TagForm } from '@/components/admin/taxonomy-forms';
import { signInPath } from '@/lib/auth/callback';
import { canManageTaxonomy } from '@/lib/auth/permissions';
import { getTagForAdmin, mergeSuggestions } from '@/lib/dal/taxonomy-admin-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { termIdSchema } from '@/lib/validations/taxonomy';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Edit tag' };

export default function EditTagPage({ params }: PageProps<'/admin/taxonomy/tags/[id]'>) {
  return <EditTag params={params} />;
}

async function EditTag({ params }: { params: PageProps<'/admin/taxonomy/tags/[id]'>['params'] }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/taxonomy/tags/${id}`));
  if (!canManageTaxonomy(viewer)) return <p className="form-message">Only editors and admins manage categories and tags.</p>;
  const tag = termIdSchema.safeParse(id).success ? await getTagForAdmin(viewer, id) : null;
  if (!tag) notFound();
  const [suggestions, notice, edited, merging, deleting] = await Promise.all([
    mergeSuggestions(viewer, tag.id),
    formFlash('taxonomy'),
    formFlash('tag-form'),
    formFlash('tag-merge'),
    formFlash('tag-delete'),
  ]);
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/admin/taxonomy" className="btn-link">
          ← Categories and tags
        </Link>
      </p>
      <h1 className="mb-2 text-3xl font-semibold">Tag “{tag.name}”</h1>
      <p className="mb-6 text-sm text-neutral-700">
        {tag.posts === 1 ? '1 post' : `${tag.posts} posts`} ·{' '}
        <a href={`/blog/tags/${tag.slug}`} className="btn-link">
          View its page
        </a>
      </p>
      <FlashNotice state={notice} />
      <TagForm tag={tag} initialState={edited} />
      <OldAddresses base="/blog/tags" slugs={tag.oldAddresses} />
      <section aria-labelledby="merge-heading" className="mt-10">
        <h2 id="merge-heading" className="mb-3 text-xl font-semibold">
          Merge into another tag
        </h2>
        <MergeTagForm tag={tag} suggestions={suggestions} initialState={merging} />
      </section>
      <div className="mt-10">
        <DeleteTermForm kind="tag" term={tag} initialState={deleting} />
      </div>
    </>
  );
}
