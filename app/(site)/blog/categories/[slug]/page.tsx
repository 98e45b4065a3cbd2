import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { CategoryNav } from '@/components/post/category-nav';
import { PostListPage } from '@/components/post/post-list-page';
import { getCategories, getCategory, getTermRedirect } from '@/lib/dal/taxonomy';
import { feedAlternates } from '@/lib/feeds/discovery';
import { getSiteContext } from '@/lib/site';
import { slugSchema } from '@/lib/validations/listing';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateStaticParams() {
  const categories = await getCategories();
  return categories.length > 0 ? categories.map((c) => ({ slug: c.slug })) : [{ slug: 'uncategorized' }];
}

async function load(slug: string) {
  return slugSchema.safeParse(slug).success ? getCategory(slug) : null;
}

export async function generateMetadata({ params }: PageProps<'/blog/categories/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const category = await load(slug);
  if (!category) return {};
  // The canonical link comes from the list (PostListPage): each page of it is its own.
  return { title: category.name, description: category.description || undefined, alternates: { types: await feedAlternates({ kind: 'category', slug, name: category.name }) } };
}

export default async function CategoryPage({ params, searchParams }: PageProps<'/blog/categories/[slug]'>) {
  const { slug } = await params;
  const category = await load(slug);
  if (!category) {
    // A renamed category's old address answers 301 to the current one.
    const moved = slugSchema.safeParse(slug).success ? await getTermRedirect('category', slug) : null;
    if (moved) permanentRedirect(`/blog/categories/${moved}`);
    notFound();
  }
  const { t } = await getSiteContext();
  return (
    <>
      <CategoryNav current={category.slug} t={t} />
      <h1 className="mb-2 text-3xl font-semibold">{category.name}</h1>
      {category.description ? <p className="mb-8 text-neutral-700">{category.description}</p> : <div className="mb-8" />}
      <PostListPage
        basePath={`/blog/categories/${category.slug}`}
        filter={{ categorySlug: category.slug }}
        searchParams={searchParams}
        collection={{ name: category.name, description: category.description }}
      />
    </>
  );
}
