import type { MetadataRoute } from 'next';
import { getPublishedIndex } from '@/lib/dal/posts';
import { getCategories } from '@/lib/dal/taxonomy';
import { siteUrl } from '@/lib/env';

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const [posts, categories] = await Promise.all([getPublishedIndex(), getCategories()]);
  const newest = posts[0]?.updatedAt;
  return [
    { url: siteUrl('/'), lastModified: newest, changeFrequency: 'daily', priority: 1 },
    { url: siteUrl('/blog'), lastModified: newest, changeFrequency: 'daily', priority: 0.8 },
    ...categories.map((c) => ({ url: siteUrl(`/blog/categories/${c.slug}`), changeFrequency: 'weekly' as const, priority: 0.5 })),
    ...posts.map((p) => ({ url: siteUrl(`/post/${p.slug}`), lastModified: p.updatedAt, changeFrequency: 'monthly' as const, priority: 0.7 })),
  ];
}
