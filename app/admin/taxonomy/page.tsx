import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { FlashNotice } from '@/components/admin/flash-notice';
import { CategoryForm } from '@/components/admin/taxonomy-forms';
import { signInPath } from '@/lib/auth/callback';
import { canManageTaxonomy } from '@/lib/auth/permissions';
import { listCategoriesForAdmin, listTagsForAdmin, TAGS_PER_PAGE, type AdminTerm } from '@/lib/dal/taxonomy-admin-reads';
import { getViewer } from '@/lib/dal/users';
import { formFlash } from '@/lib/form-flash';
import { tagListParamsSchema } from '@/lib/validations/taxonomy';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export const metadata: Metadata = { title: 'Categories and tags' };

export default function TaxonomyPage({ searchParams }: PageProps<'/admin/taxonomy'>) {
  return (
    <>
      <h1 className="mb-6 text-3xl font-semibold">Categories and tags</h1>
      <Taxonomy searchParams={searchParams} />
    </>
  );
}

async function Taxonomy({ searchParams }: { searchParams: PageProps<'/admin/taxonomy'>['searchParams'] }) {
  const { q, page } = tagListParamsSchema.parse(await searchParams);
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath('/admin/taxonomy'));
  if (!canManageTaxonomy(viewer)) return <p className="form-message">Only editors and admins manage categories and tags.</p>;
  const [categories, tags, notice, created] = await Promise.all([
    listCategoriesForAdmin(viewer),
    listTagsForAdmin(viewer, { q, page }),
    formFlash('taxonomy'),
    formFlash('category-form'),
  ]);
  return (
    <>
      <FlashNotice state={notice} />
      <section aria-labelledby="categories-heading" className="mb-12">
        <h2 id="categories-heading" className="mb-4 text-2xl font-semibold">
          Categories
        </h2>
        <TermTable terms={categories ?? []} kind="category" empty="No categories yet." />
        <h3 className="mb-3 mt-8 text-lg font-semibold">New category</h3>
        <CategoryForm initialState={created} />
      </section>
      <section aria-labelledby="tags-heading">
        <h2 id="tags-heading" className="mb-2 text-2xl font-semibold">
          Tags
        </h2>
        <p className="mb-4 text-sm text-neutral-700">Writers create tags as they tag their posts. Here you rename, merge and delete them.</p>
        <form action="/admin/taxonomy" method="get" role="search" className="mb-4 flex max-w-xl items-end gap-2">
          <label className="block flex-1 text-sm font-medium">
            Find tags
            <input name="q" type="search" defaultValue={q} maxLength={60} className="field-input" />
          </label>
          <button type="submit" className="btn-secondary">
            Find
          </button>
        </form>
        <TermTable terms={tags?.items ?? []} kind="tag" empty={q ? `No tag matches “${q}”.` : 'No tags yet.'} />
        {tags && tags.total > TAGS_PER_PAGE ? <TagPages q={q} page={page} total={tags.total} hasMore={tags.hasMore} /> : null}
      </section>
    </>
  );
}

function TermTable({ terms, kind, empty }: { terms: (AdminTerm & { description?: string })[]; kind: 'category' | 'tag'; empty: string }) {
  if (terms.length === 0) return <p className="text-neutral-700">{empty}</p>;
  const base = kind === 'category' ? '/blog/categories' : '/blog/tags';
  const edit = kind === 'category' ? '/admin/taxonomy/categories' : '/admin/taxonomy/tags';
  return (
    <table className="w-full text-left text-sm" data-testid={`${kind}-table`}>
      <thead>
        <tr className="border-b border-neutral-300">
          <th className="py-2">Name</th>
          <th>Address</th>
          <th className="text-right">Posts</th>
        </tr>
      </thead>
      <tbody>
        {terms.map((t) => (
          <tr key={t.id} className="border-b border-neutral-200">
            <td className="py-2">
              <Link href={`${edit}/${t.id}`} className="btn-link">
                {t.name}
              </Link>
              {t.description ? <span className="block text-neutral-600">{t.description}</span> : null}
            </td>
            <td>
              <a href={`${base}/${t.slug}`} className="text-neutral-700 hover:underline">
                {base}/{t.slug}
              </a>
            </td>
            <td className="text-right tabular-nums">{t.posts}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TagPages({ q, page, total, hasMore }: { q: string; page: number; total: number; hasMore: boolean }) {
  const href = (p: number) => `/admin/taxonomy?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
  const last = Math.ceil(total / TAGS_PER_PAGE);
  return (
    <nav aria-label="Tag pages" className="mt-4 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} className="btn-link">
          Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-neutral-700">
        Page {page} of {last} · {total} tags
      </span>
      {hasMore ? (
        <Link href={href(page + 1)} className="btn-link">
          Next
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
