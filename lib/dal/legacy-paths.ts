import 'server-only';
import { LRUCache } from 'lru-cache';
import { db } from '@/lib/db';
import { liveWhere } from '@/lib/live-posts.mjs';

// Addresses imported posts had on their old platform (legacy_paths, written by `npm run
// import`): /2025/01/18/slug, /?p=123, a Ghost /slug. They answer 301 to the post while it
// is live. Only addresses outside Quire's own routes reach these reads (proxy.ts's matcher),
// so the home page, post pages and every other page never wait on them.

/** Paths as import stored them: no trailing slash; as sent and as percent-encoded, since routes may hand either. */
export function legacyCandidates(pathname: string, search = ''): string[] {
  const base = pathname.replace(/\/+$/, '') || '/';
  const variants = new Set([base]);
  try {
    variants.add(encodeURI(decodeURI(base)));
    variants.add(decodeURI(base));
  } catch {
    // Not valid percent-encoding: only as sent.
  }
  return [...variants].map((p) => `${p}${search}`);
}

/** The slug of the live post one of `paths` leads to, or null. */
export async function findLegacyTarget(paths: string[], now = new Date()): Promise<string | null> {
  const row = await db.legacyPath.findFirst({
    where: { path: { in: paths }, post: liveWhere(now) },
    select: { post: { select: { slug: true } } },
  });
  return row?.post.slug ?? null;
}

// Unknown addresses are often bots probing (/wp-login.php): each answer is kept a minute
// in this process, so a burst of the same probe reads the database once.
const recent = new LRUCache<string, { slug: string | null }>({ max: 10_000, ttl: 60_000 });

/** The same, remembered for a minute: what the proxy asks for every address it is sent. */
export async function legacyTarget(paths: string[]): Promise<string | null> {
  const key = paths.join('\n');
  const hit = recent.get(key);
  if (hit) return hit.slug;
  const slug = await findLegacyTarget(paths);
  recent.set(key, { slug });
  return slug;
}
