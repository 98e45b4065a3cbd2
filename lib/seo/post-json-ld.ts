import type { BlogPosting, BreadcrumbList, InteractionCounter, WithContext } from 'schema-dts';
import type { PostCounters, PostDetail } from '@/lib/dal/posts';
import type { SiteSettings } from '@/lib/dal/settings';
import { postUrl, siteUrl } from '@/lib/site-url';
import { articleImageUrls } from '@/lib/seo/share-image';
import { websiteId } from '@/lib/seo/site-json-ld';

// The post page's JSON-LD: BlogPosting with what Google lists for articles (and more),
// and the BreadcrumbList Home › Category › Post.

type Site = Pick<SiteSettings, 'siteName' | 'language'>;

/** The publisher's logo: the generated apple-icon (app/apple-icon.tsx), 180×180, over Google's 112 px minimum. */
export const PUBLISHER_LOGO = { path: '/apple-icon', size: 180 } as const;

/**
 * There are no author pages: the author's byline on the post page (its `id="author"`)
 * is the page that names them.
 */
export const authorUrl = (post: Pick<PostDetail, 'slug'>) => `${postUrl(post.slug)}#author`;

function counter(type: 'ViewAction' | 'CommentAction' | 'LikeAction', count: number): InteractionCounter {
  return { '@type': 'InteractionCounter', interactionType: { '@type': type }, userInteractionCount: count };
}

export function blogPostingJsonLd(post: PostDetail, counters: PostCounters, site: Site): WithContext<BlogPosting> {
  const url = postUrl(post.slug);
  const description = post.seoDescription || post.excerpt;
  const sections = post.categories.map((c) => c.name);
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    '@id': `${url}#article`,
    url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    isPartOf: { '@id': websiteId() },
    headline: post.title,
    ...(description ? { description } : {}),
    image: articleImageUrls(post, site),
    datePublished: post.publishedAt,
    dateModified: post.updatedAt,
    author: { '@type': 'Person', name: post.author.name, url: authorUrl(post) },
    publisher: {
      '@type': 'Organization',
      name: site.siteName,
      url: siteUrl('/'),
      logo: { '@type': 'ImageObject', url: siteUrl(PUBLISHER_LOGO.path) },
    },
    wordCount: post.wordCount,
    ...(post.tags.length > 0 ? { keywords: post.tags.map((t) => t.name) } : {}),
    ...(sections.length === 1 ? { articleSection: sections[0] } : sections.length > 1 ? { articleSection: sections } : {}),
    inLanguage: site.language,
    commentCount: counters.commentCount,
    interactionStatistic: [
      counter('ViewAction', counters.viewCount),
      counter('CommentAction', counters.commentCount),
      counter('LikeAction', counters.likeCount),
    ],
  };
}

/** Home › the post's first category (when it has one) › the post. */
export function breadcrumbJsonLd(post: PostDetail, site: Site): WithContext<BreadcrumbList> {
  const category = post.categories[0];
  const trail = [
    { name: site.siteName, url: siteUrl('/') },
    ...(category ? [{ name: category.name, url: siteUrl(`/blog/categories/${category.slug}`) }] : []),
    { name: post.title, url: postUrl(post.slug) },
  ];
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: trail.map((crumb, i) => ({ '@type': 'ListItem', position: i + 1, name: crumb.name, item: crumb.url })),
  };
}
