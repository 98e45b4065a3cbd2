// If-None-Match as RFC 9110 §13.1.2 reads it: "*" or a comma-separated list of entity
// tags, compared weakly (a W/ prefix is ignored), so a cache holding the tag gets a 304.

const TAG = /\s*(?:W\/)?("[^"]*")\s*(?:,|$)/gy;

export function etagMatches(ifNoneMatch: string, etag: string): boolean {
  if (ifNoneMatch.trim() === '*') return true;
  for (const match of ifNoneMatch.matchAll(TAG)) if (match[1] === etag) return true;
  return false;
}
