import 'server-only';
import { canManageTaxonomy, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { isId } from '@/lib/validations/ids.mjs';

// What the "Categories and tags" pages show (editors and admins; null for anyone else).
// Never cached: an editor sees the state they just changed. Post counts leave out the trash.

export type AdminTerm = { id: string; slug: string; name: string; posts: number };
export type AdminCategory = AdminTerm & { description: string };
export type TermDetail<T> = T & { oldAddresses: string[] };

export const TAGS_PER_PAGE = 50;

const counted = { _count: { select: { posts: { where: { post: { deletedAt: null } } } } } } as const;

export async function listCategoriesForAdmin(actor: Actor | null): Promise<AdminCategory[] | null> {
  if (!canManageTaxonomy(actor)) return null;
  const rows = await db.category.findMany({ select: { id: true, slug: true, name: true, description: true, ...counted }, orderBy: { name: 'asc' } });
  return rows.map(({ _count, ...c }) => ({ ...c, posts: _count.posts }));
}

/** A page of tags by name, optionally those whose name or address contains `q`. */
export async function listTagsForAdmin(actor: Actor | null, { q, page }: { q: string; page: number }): Promise<{ items: AdminTerm[]; total: number; hasMore: boolean } | null> {
  if (!canManageTaxonomy(actor)) return null;
  const where = q ? { OR: [{ name: { contains: q, mode: 'insensitive' as const } }, { slug: { contains: q.toLowerCase() } }] } : {};
  const [rows, total] = await Promise.all([
    db.tag.findMany({ where, select: { id: true, slug: true, name: true, ...counted }, orderBy: [{ name: 'asc' }, { id: 'asc' }], skip: (page - 1) * TAGS_PER_PAGE, take: TAGS_PER_PAGE }),
    db.tag.count({ where }),
  ]);
  return { items: rows.map(({ _count, ...t }) => ({ ...t, posts: _count.posts })), total, hasMore: page * TAGS_PER_PAGE < total };
}

export async function getCategoryForAdmin(actor: Actor | null, id: string): Promise<TermDetail<AdminCategory> | null> {
  if (!canManageTaxonomy(actor)) return null;
  const row = await db.category.findUnique({
    where: { id },
    select: { id: true, slug: true, name: true, description: true, ...counted, redirects: { select: { fromSlug: true }, orderBy: { createdAt: 'desc' } } },
  });
  if (!row) return null;
  const { _count, redirects, ...c } = row;
  return { ...c, posts: _count.posts, oldAddresses: redirects.map((r) => r.fromSlug) };
}

export async function getTagForAdmin(actor: Actor | null, id: string): Promise<TermDetail<AdminTerm> | null> {
  if (!canManageTaxonomy(actor)) return null;
  const row = await db.tag.findUnique({
    where: { id },
    select: { id: true, slug: true, name: true, ...counted, redirects: { select: { fromSlug: true }, orderBy: { createdAt: 'desc' } } },
  });
  if (!row) return null;
  const { _count, redirects, ...t } = row;
  return { ...t, posts: _count.posts, oldAddresses: redirects.map((r) => r.fromSlug) };
}

/** The most used tags other than `exceptId`, to suggest as a merge target. */
export async function mergeSuggestions(actor: Actor | null, exceptId: string): Promise<{ slug: string; name: string }[]> {
  if (!canManageTaxonomy(actor)) return [];
  return db.tag.findMany({ where: { id: { not: exceptId } }, select: { slug: true, name: true }, orderBy: [{ posts: { _count: 'desc' } }, { name: 'asc' }], take: 200 });
}

/** Whether the category or tag `id` exists (for proxy.ts: a real 404 before its page renders). */
export async function termExists(kind: 'categories' | 'tags', id: string): Promise<boolean> {
  if (!isId(id)) return false;
  const found = kind === 'categories' ? await db.category.findUnique({ where: { id }, select: { id: true } }) : await db.tag.findUnique({ where: { id }, select: { id: true } });
  return !!found;
}
