import 'server-only';
import { createHash } from 'node:crypto';
import { siteUrl } from '@/lib/site-url';
import type { Locale } from '@/lib/i18n';
import { SHARE_IMAGE } from './size';

// Where the share images live, for the pages' Open Graph and X tags and for JSON-LD. A
// post's address carries `v`, a digest of everything its image shows: an edit of the title
// (or the cover, author, date, site name) gives a new address, so link previews cached by
// the address are not stuck on the old picture, and the image under a current `v` may be
// cached for good (app/og/post/[slug]/route.ts).

export type ShareablePost = { slug: string; title: string; publishedAt: string; coverImage: string | null; author: { name: string } };
export type ShareableSite = { siteName: string; language: Locale };
export type ShareImage = { url: string; width: number; height: number; alt: string; type: string };

const digest = (shown: unknown[]) => createHash('sha256').update(JSON.stringify(shown)).digest('base64url').slice(0, 16);

/** The digest the image of `post` is addressed by (also what the route compares `v` with). */
export function shareImageVersion(post: ShareablePost, site: ShareableSite): string {
  return digest([post.title, post.author.name, post.publishedAt, post.coverImage ?? '', site.siteName, site.language]);
}

/** The digest of the site's own image. */
export function siteShareImageVersion(site: { siteName: string; siteDescription: string }): string {
  return digest([site.siteName, site.siteDescription]);
}

/** The absolute URL of a post's 1200×630 PNG share image. */
export function shareImageUrl(post: ShareablePost, site: ShareableSite): string {
  return siteUrl(`/og/post/${post.slug}?v=${shareImageVersion(post, site)}`);
}

/** A post's share image as Open Graph wants it: URL, size, type and alt text. */
export function postShareImage(post: ShareablePost, site: ShareableSite): ShareImage {
  return { url: shareImageUrl(post, site), width: SHARE_IMAGE.width, height: SHARE_IMAGE.height, type: SHARE_IMAGE.contentType, alt: `${post.title} · ${post.author.name} · ${site.siteName}` };
}

/** The site's own share image (home, lists, every page without a post of its own): its name and description. */
export function siteShareImage(site: { siteName: string; siteDescription: string }): ShareImage {
  const url = siteUrl(`/og/site?v=${siteShareImageVersion(site)}`);
  return { url, width: SHARE_IMAGE.width, height: SHARE_IMAGE.height, type: SHARE_IMAGE.contentType, alt: site.siteName };
}
