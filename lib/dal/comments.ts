import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';

export type PublicComment = {
  id: string;
  parentId: string | null;
  depth: number;
  body: string;
  createdAt: string;
  editedAt: string | null;
  authorName: string;
  authorImage: string | null;
};

/** Visible comments of a post, newest first. Bodies are plain text here; React escapes them. */
export async function getVisibleComments(postId: string, limit = 50): Promise<PublicComment[]> {
  'use cache';
  cacheTag(TAGS.comments(postId));
  cacheLife('content');
  const rows = await db.comment.findMany({
    where: { postId, status: 'VISIBLE' },
    select: {
      id: true,
      parentId: true,
      depth: true,
      body: true,
      createdAt: true,
      editedAt: true,
      author: { select: { name: true, image: true } },
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((r) => ({
    id: r.id,
    parentId: r.parentId,
    depth: r.depth,
    body: r.body,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    authorName: r.author.name ?? 'Anonymous',
    authorImage: r.author.image,
  }));
}
