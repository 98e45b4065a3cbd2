import 'server-only';
import { canEditAnyPost, canEditPost, canPublishPost, canReassignAuthor, canUseAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { Prisma, PostStatus } from '@/lib/generated/prisma/client';
import { isId } from '@/lib/validations/ids.mjs';
import { liveWhere } from '@/lib/live-posts.mjs';

// What the admin area reads about posts: per request (no cache), limited to what the
// actor may see (contributors and authors their own posts, editors and admins all).

export const POST_FILTERS = ['all', 'drafts', 'scheduled', 'published', 'trash'] as const;
export type PostFilter = (typeof POST_FILTERS)[number];

export type AdminPostRow = {
  id: string;
  title: string;
  slug: string;
  status: PostStatus;
  publishedAt: string | null;
  updatedAt: string;
  authorName: string;
  trashed: boolean;
};

const PAGE_SIZE = 30;

function filterWhere(filter: PostFilter): Prisma.PostWhereInput {
  switch (filter) {
    case 'drafts':
      return { status: 'DRAFT', deletedAt: null };
    case 'scheduled':
      return { status: 'SCHEDULED', publishedAt: { gt: new Date() }, deletedAt: null };
    case 'published':
      return liveWhere();
    case 'trash':
      return { deletedAt: { not: null } };
    default:
      return { deletedAt: null };
  }
}

export async function listAdminPosts(actor: Actor | null, filter: PostFilter, page = 1): Promise<{ rows: AdminPostRow[]; hasMore: boolean }> {
  if (!actor || !canUseAdmin(actor)) return { rows: [], hasMore: false };
  const rows = await db.post.findMany({
    where: { ...filterWhere(filter), ...(canEditAnyPost(actor) ? {} : { authorId: actor.id }) },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * PAGE_SIZE,
    take: PAGE_SIZE + 1,
    select: { id: true, title: true, slug: true, status: true, publishedAt: true, updatedAt: true, deletedAt: true, author: { select: { name: true } } },
  });
  return {
    hasMore: rows.length > PAGE_SIZE,
    rows: rows.slice(0, PAGE_SIZE).map((r) => ({
      id: r.id,
      title: r.title,
      slug: r.slug,
      status: r.status,
      publishedAt: r.publishedAt?.toISOString() ?? null,
      updatedAt: r.updatedAt.toISOString(),
      authorName: r.author.name ?? 'Unknown',
      trashed: r.deletedAt !== null,
    })),
  };
}

export type PostForEdit = {
  id: string;
  title: string;
  slug: string;
  excerpt: string;
  body: string;
  coverImage: string | null;
  coverAlt: string | null;
  seoTitle: string | null;
  seoDescription: string | null;
  status: PostStatus;
  publishedAt: string | null;
  version: number;
  updatedAt: string;
  authorId: string;
  categoryIds: string[];
  tags: string[];
  /** What the actor may do with it. */
  can: { publish: boolean; reassign: boolean };
};

/** The post as the editor shows it, or null when it does not exist, is trashed, or is not the actor's to edit. */
export async function getPostForEdit(actor: Actor | null, id: string): Promise<PostForEdit | null> {
  if (!actor || !canUseAdmin(actor)) return null;
  const post = await db.post.findFirst({
    where: { id, deletedAt: null },
    select: {
      id: true,
      title: true,
      slug: true,
      excerpt: true,
      body: true,
      coverImage: true,
      coverAlt: true,
      seoTitle: true,
      seoDescription: true,
      status: true,
      publishedAt: true,
      version: true,
      updatedAt: true,
      authorId: true,
      categories: { select: { categoryId: true } },
      tags: { select: { tag: { select: { name: true } } } },
    },
  });
  if (!post || !canEditPost(actor, post)) return null;
  return {
    ...post,
    publishedAt: post.publishedAt?.toISOString() ?? null,
    updatedAt: post.updatedAt.toISOString(),
    categoryIds: post.categories.map((c) => c.categoryId),
    tags: post.tags.map((t) => t.tag.name),
    can: { publish: canPublishPost(actor, post), reassign: canReassignAuthor(actor) },
  };
}

/** Every category, for the editor's choices. */
export async function listCategoryChoices(): Promise<{ id: string; name: string }[]> {
  return db.category.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
}

/** Staff who can be a post's author (editors and admins choose). */
export async function listAuthorChoices(actor: Actor | null): Promise<{ id: string; name: string }[]> {
  if (!canReassignAuthor(actor)) return [];
  const users = await db.user.findMany({
    where: { role: { in: ['CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'] }, bannedAt: null },
    select: { id: true, name: true, email: true },
    orderBy: { name: 'asc' },
  });
  return users.map((u) => ({ id: u.id, name: u.name ?? u.email ?? u.id }));
}

/** Whether the actor may open the editor of post `id` (for proxy.ts: a real 404 before the page renders). */
export async function mayEditPostId(actor: Actor | null, id: string): Promise<boolean> {
  if (!isId(id)) return false;
  const post = await db.post.findFirst({ where: { id, deletedAt: null }, select: { authorId: true, status: true } });
  return !!post && canEditPost(actor, post);
}

export type RevisionRow = { id: string; title: string; createdAt: string; authorName: string };

/** A post's revisions, newest first, for an actor who may edit the post (else null). */
export async function listRevisions(actor: Actor | null, postId: string): Promise<{ post: PostForEdit; revisions: RevisionRow[] } | null> {
  const post = await getPostForEdit(actor, postId);
  if (!post) return null;
  const rows = await db.postRevision.findMany({
    where: { postId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
    select: { id: true, title: true, createdAt: true, author: { select: { name: true } } },
  });
  return { post, revisions: rows.map((r) => ({ id: r.id, title: r.title, createdAt: r.createdAt.toISOString(), authorName: r.author.name ?? 'Unknown' })) };
}

/** One revision's text, if it belongs to `postId`. */
export async function getRevision(postId: string, revisionId: string): Promise<{ id: string; title: string; body: string; createdAt: string } | null> {
  if (!isId(revisionId)) return null;
  const row = await db.postRevision.findFirst({ where: { id: revisionId, postId }, select: { id: true, title: true, body: true, createdAt: true } });
  return row ? { ...row, createdAt: row.createdAt.toISOString() } : null;
}
