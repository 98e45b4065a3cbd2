import { env } from '@/lib/env';

// Absolute addresses on this site, all built from SITE_URL here: links in mail, feeds,
// sitemaps, JSON-LD, the API and share images, and the origin a same-site request carries.
// Paths of pages stay relative in the pages themselves; these are for what leaves the site.

/** The absolute URL of `path` on this site. */
export function siteUrl(path = '/'): string {
  return new URL(path, env().SITE_URL).toString();
}

/** The site's origin (scheme, host, port): what a same-site request's Origin header says. */
export function siteOrigin(): string {
  return new URL(env().SITE_URL).origin;
}

/** The site's host name, with its port when it has one. */
export function siteHost(): string {
  return new URL(env().SITE_URL).host;
}

/** A post's address, as a path. */
export function postPath(slug: string): string {
  return `/post/${encodeURIComponent(slug)}`;
}

/** A post's absolute URL. */
export function postUrl(slug: string): string {
  return siteUrl(postPath(slug));
}
