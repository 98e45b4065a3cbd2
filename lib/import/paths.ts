import { slugFromTitle } from '@/lib/slug';

// Old addresses kept as 301s: the path and query of a URL, without the trailing slash, so
// /2025/01/18/slug/ and /2025/01/18/slug match the same row.

export function oldPath(url: string): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://old.invalid');
  } catch {
    return null;
  }
  const path = parsed.pathname.replace(/\/+$/, '') || '/';
  const result = `${path}${parsed.search}`;
  // The home page is never an old address of one post.
  return result === '/' ? null : result;
}

/** Normalizes a request path the same way (for lookups). */
export function normalizePath(pathname: string, search: string): string {
  return `${pathname.replace(/\/+$/, '') || '/'}${search}`;
}

export function wantedSlug(slug: string, title: string): string {
  let decoded = slug;
  try {
    decoded = decodeURIComponent(slug);
  } catch {
    // Not percent-encoded after all: use as is.
  }
  return slugFromTitle(decoded || title);
}
