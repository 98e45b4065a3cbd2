import 'server-only';
import { createHash } from 'node:crypto';
import { cacheLife, cacheTag } from 'next/cache';
import { CACHE_PROFILES, TAGS } from '@/lib/cache-tags';
import { getPublishedPost } from '@/lib/dal/posts';
import { getSiteSettings } from '@/lib/dal/settings';
import { formatDate } from '@/lib/i18n';
import { PostCard, SiteCard } from './cards';
import { coverDataUrl } from './cover';
import { renderPng } from './render';
import { shareImageVersion, siteShareImageVersion } from './urls';

// The share images, drawn once and kept with the post: cached under the post's tag and the
// settings' (site name, language), so the edit or publish that invalidates the post page
// also redraws its image, and a hit does no database work and no drawing.

export type Png = { bytes: Uint8Array; etag: string; version: string };

const etagOf = (bytes: Uint8Array) => `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;

/** The PNG of a post readers can see now, or null (unknown, draft, scheduled for later, trashed). */
export async function getPostShareImage(slug: string): Promise<Png | null> {
  'use cache';
  cacheTag(TAGS.post(slug), TAGS.settings);
  const [post, settings] = await Promise.all([getPublishedPost(slug), getSiteSettings()]);
  if (!post) {
    cacheLife(CACHE_PROFILES.missing);
    return null;
  }
  cacheLife(CACHE_PROFILES.content);
  const cover = await coverDataUrl(post.coverImage);
  const byline = `${post.author.name} · ${formatDate(post.publishedAt, settings.language)}`;
  const bytes = await renderPng((drawable) => PostCard({ siteName: drawable(settings.siteName), title: drawable(post.title), byline: drawable(byline), cover }));
  return { bytes, etag: etagOf(bytes), version: shareImageVersion(post, settings) };
}

/** The site's own PNG: its name and description. */
export async function getSiteShareImage(): Promise<Png> {
  'use cache';
  cacheTag(TAGS.settings);
  cacheLife(CACHE_PROFILES.content);
  const settings = await getSiteSettings();
  const bytes = await renderPng((drawable) => SiteCard({ siteName: drawable(settings.siteName), description: drawable(settings.siteDescription) }));
  return { bytes, etag: etagOf(bytes), version: siteShareImageVersion(settings) };
}
