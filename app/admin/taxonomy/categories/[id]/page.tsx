import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { FlashNotice } from '@/components/admin/flash-notice';
import { CategoryForm, DeleteTermForm } from '@/components/admin/taxonomy-forms';
import { OldAddresses } from '@/components/admin/old-addresses';
import { signInPath } from '@/lib/auth/callback';
import { canManageTaxonomy } from '@/lib/auth/permissions';
import { getCategoryForAdmin } from '@/lib/dal/taxonomy-admin-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { termIdSchema } from '@/lib/validations/taxonomy';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Edit category' };

export default function EditCategoryPage({ params }: PageProps<'/admin/taxonomy/categories/[id]'>) {
  return <EditCategory params={params} />;
}

async function EditCategory({ params }: { params: PageProps<'/admin/taxonomy/categories/[id]'>['params'] }) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/admin/taxonomy/categories/${id}`));
  if (!canManageTaxonomy(viewer)) return <p className="form-message">Only editors and admins manage categories and tags.</p>;
  const category = termIdSchema.safeParse(id).success ? await getCategoryForAdmin(viewer, id) : null;
  if (!category) notFound();
  const [notice, edited, deleting] = await Promise.all([formFlash('taxonomy'), formFlash('category-form'), formFlash('category-delete')]);
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/admin/taxonomy" className="btn-link">
          ← Categories and tags
        </Link>
      </p>
      <h1 className="mb-2 text-3xl font-semibold">Category “{category.name}”</h1>
      <p className="mb-6 text-sm text-neutral-700">
        {category.posts === 1 ? '1 post' : `${category.posts} posts`} ·{' '}
        <a href={`/blog/categories/${category.slug}`} className="btn-link">
          View its page
        </a>
      </p>
      <FlashNotice state={notice} />
      <CategoryForm category={category} initialState={edited} />
      <OldAddresses base="/blog/categories" slugs={category.oldAddresses} />
      <div className="mt-10">
        <DeleteTermForm kind="category" term={category} initialState={deleting} />
      </div>
    </>
  );
}
