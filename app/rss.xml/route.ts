import { cacheLife, cacheTag } from 'next/cache';
import { Feed } from 'feed';
import { TAGS } from '@/lib/cache-tags';
import { getPublishedIndex } from '@/lib/dal/posts';
import { getSiteSettings } from '@/lib/dal/settings';
import { siteUrl } from '@/lib/env';

// RSS 2.0 feed of the newest posts, written by the `feed` package.
async function buildFeed(): Promise<string> {
  'use cache';
  cacheTag(TAGS.posts, TAGS.settings);
  cacheLife('content');
  const [settings, posts] = await Promise.all([getSiteSettings(), getPublishedIndex()]);
  const feed = new Feed({
    title: settings.siteName,
    description: settings.siteDescription,
    id: siteUrl('/'),
    link: siteUrl('/'),
    language: settings.language,
    copyright: `© ${settings.siteName}`,
    feedLinks: { rss: siteUrl('/rss.xml') },
    updated: posts[0] ? new Date(posts[0].updatedAt) : undefined,
  });
  for (const post of posts.slice(0, 50)) {
    const link = siteUrl(`/post/${post.slug}`);
    feed.addItem({
      title: post.title,
      id: link,
      link,
      description: post.excerpt,
      date: new Date(post.publishedAt),
      // No author: RSS 2.0 wants an email address there, and authors' emails stay private.
    });
  }
  return feed.rss2();
}

export async function GET(): Promise<Response> {
  return new Response(await buildFeed(), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
}
