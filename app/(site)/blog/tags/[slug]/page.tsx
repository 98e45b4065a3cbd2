import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { CategoryNav } from '@/components/post/category-nav';
import { PostListPage } from '@/components/post/post-list-page';
import { getTag, getTags, getTermRedirect } from '@/lib/dal/taxonomy';
import { feedAlternates } from '@/lib/feeds/discovery';
import { getSiteContext } from '@/lib/site';
import { slugSchema } from '@/lib/validations/listing';

// Rendered whole on the server before the first byte (no streamed <Suspense> parts): a
// reader without JavaScript must see the content, and streamed parts need a script to appear.
export const instant = false;

export async function generateStaticParams() {
  const tags = await getTags();
  return tags.length > 0 ? tags.map((t) => ({ slug: t.slug })) : [{ slug: 'untagged' }];
}

async function load(slug: string) {
  return slugSchema.safeParse(slug).success ? getTag(slug) : null;
}

export async function generateMetadata({ params }: PageProps<'/blog/tags/[slug]'>): Promise<Metadata> {
  const { slug } = await params;
  const tag = await load(slug);
  if (!tag) return {};
  // The canonical link comes from the list (PostListPage): each page of it is its own.
  return { title: tag.name, alternates: { types: await feedAlternates({ kind: 'tag', slug, name: tag.name }) } };
}

export default async function TagPage({ params, searchParams }: PageProps<'/blog/tags/[slug]'>) {
  const { slug } = await params;
  const tag = await load(slug);
  if (!tag) {
    // A renamed tag's old address, or a merged one's, answers 301 to the current one.
    const moved = slugSchema.safeParse(slug).success ? await getTermRedirect('tag', slug) : null;
    if (moved) permanentRedirect(`/blog/tags/${moved}`);
    notFound();
  }
  const { t } = await getSiteContext();
  return (
    <>
      <CategoryNav current={null} t={t} />
      <h1 className="mb-8 text-3xl font-semibold">{t.tagTitle(tag.name)}</h1>
      <PostListPage basePath={`/blog/tags/${tag.slug}`} filter={{ tagSlug: tag.slug }} searchParams={searchParams} collection={{ name: t.tagTitle(tag.name) }} />
    </>
  );
}
