import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { cardSelect, toCard, type PostCard } from './posts';
import { queryRelatedPosts } from './related-query';
import { liveWhere } from '@/lib/live-posts.mjs';

// The related posts of a post page, in two cached parts: which posts (the ranking query,
// lib/dal/related-query.ts), kept until a post changes; and their cards, whose view and
// comment counts follow the short `counters` profile as every list's do. So the ranking
// runs when a post changes, not each time the counters refresh the page.

async function getRelatedIds(postId: string): Promise<string[]> {
  'use cache';
  const { ids, tags } = await queryRelatedPosts(postId);
  cacheTag(...tags);
  cacheLife('content');
  return ids;
}

async function getCards(ids: string[]): Promise<PostCard[]> {
  'use cache';
  cacheTag(TAGS.posts);
  cacheLife('counters');
  if (ids.length === 0) return [];
  // Visibility again: a card never outlives its post's publication, whatever the ids' entry says.
  const rows = await db.post.findMany({ where: { id: { in: ids }, ...liveWhere() }, select: cardSelect });
  const byId = new Map(rows.map((r) => [r.id, toCard(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Up to three published posts related to `postId`, best first. */
export async function getRelatedPosts(postId: string): Promise<PostCard[]> {
  return getCards(await getRelatedIds(postId));
}
