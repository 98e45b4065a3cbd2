import 'server-only';
import { publicTags } from '@/lib/dal/admin-posts';
import { db } from '@/lib/db';
import { notifyCrawlersOfPublished } from './indexnow-changes';

/**
 * Scheduled posts whose time has come become PUBLISHED (each post's publish job, and the
 * once-a-minute sweep, lib/jobs/tasks.ts, call this through the internal route) (readers already see them by
 * time; this is the moment their cached pages and lists must change). Returns the tags
 * to invalidate and when the next scheduled post is due.
 */
export async function publishDuePosts(now = new Date()): Promise<{ published: string[]; tags: string[]; nextAt: Date | null }> {
  return db.$transaction(async (tx) => {
    const due = await tx.$queryRaw<{ id: string; slug: string }[]>`
      UPDATE posts SET status = 'PUBLISHED', version = version + 1, updated_at = now()
       WHERE status = 'SCHEDULED' AND published_at <= ${now} AND deleted_at IS NULL
       RETURNING id, slug`;
    await notifyCrawlersOfPublished(tx, due);
    const tags = new Set<string>();
    for (const post of due) for (const tag of await publicTags(tx, post.id, [post.slug])) tags.add(tag);
    const next = await tx.post.findFirst({
      where: { status: 'SCHEDULED', publishedAt: { gt: now }, deletedAt: null },
      orderBy: { publishedAt: 'asc' },
      select: { publishedAt: true },
    });
    return { published: due.map((p) => p.slug), tags: [...tags], nextAt: next?.publishedAt ?? null };
  });
}
