import 'server-only';
import slugify from '@sindresorhus/slugify';
import { canManageTaxonomy, type Actor } from '@/lib/auth/permissions';
import { TAGS } from '@/lib/cache-tags';
import { db } from '@/lib/db';
import { Prisma } from '@/lib/generated/prisma/client';
import { TERM_SLUG_MAX, type CategoryInput, type TagInput } from '@/lib/validations/taxonomy';
import { refuse, type Refused } from './result';

// Managing categories and tags (editors and admins). Every function checks the actor
// itself and returns the public cache tags the change touches: the lists (taxonomy), the
// category or tag page under its old and new address, and, when what posts show changes
// (a name, an address, a merge, a delete), every list of posts and each public post page.
// An address given up by a rename or a merge keeps answering with a 301 (taxonomy_redirects).

type Kind = 'category' | 'tag';
export type TaxonomyResult<T> = ({ ok: true; tags: string[] } & T) | Refused;
type Term = { id: string; slug: string; name: string };
type Tx = Prisma.TransactionClient;

const FORBIDDEN = refuse(403, 'taxonomyForbidden');
const GONE: Record<Kind, Refused> = { category: refuse(404, 'categoryGone'), tag: refuse(404, 'tagGone') };
const TAKEN = refuse(409, 'chooseAddress', { fieldErrors: { slug: 'termSlugTaken' } });
const NO_SLUG = refuse(400, 'typeAddress', { fieldErrors: { slug: 'noSlugLetters' } });

/** An address from a name, as the post editor makes a tag's (`Añadir Ñandú` → `anadir-nandu`). */
export function termSlugFromName(name: string): string {
  return slugify(name).slice(0, TERM_SLUG_MAX).replace(/-+$/, '');
}

const pageTag = (kind: Kind, slug: string) => (kind === 'category' ? TAGS.category(slug) : TAGS.tag(slug));

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

async function lockTerm(tx: Tx, kind: Kind, id: string): Promise<Term | null> {
  const rows =
    kind === 'category'
      ? await tx.$queryRaw<Term[]>`SELECT id, slug, name FROM categories WHERE id = ${id} FOR UPDATE`
      : await tx.$queryRaw<Term[]>`SELECT id, slug, name FROM tags WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

async function slugTaken(tx: Tx, kind: Kind, slug: string, exceptId: string | null): Promise<boolean> {
  const where = { slug, ...(exceptId ? { id: { not: exceptId } } : {}) };
  const found = kind === 'category' ? await tx.category.findFirst({ where, select: { id: true } }) : await tx.tag.findFirst({ where, select: { id: true } });
  return !!found;
}

/** The pages of the public posts filed under the term: they show its name and link its address. */
async function postPageTags(tx: Tx, kind: Kind, id: string): Promise<string[]> {
  const filed = kind === 'category' ? { categories: { some: { categoryId: id } } } : { tags: { some: { tagId: id } } };
  const posts = await tx.post.findMany({ where: { ...filed, deletedAt: null, status: { not: 'DRAFT' } }, select: { slug: true } });
  return posts.map((p) => TAGS.post(p.slug));
}

/**
 * Points `from` at the term (kind, id). An address a live term takes is no longer anyone's
 * redirect: the live one wins, so a new category may reuse a renamed one's old address.
 */
async function keepOldAddress(tx: Tx, kind: Kind, from: string, id: string): Promise<void> {
  const target = kind === 'category' ? { categoryId: id, tagId: null } : { tagId: id, categoryId: null };
  await tx.taxonomyRedirect.upsert({ where: { kind_fromSlug: { kind, fromSlug: from } }, create: { kind, fromSlug: from, ...target }, update: target, select: { kind: true } });
}

async function claimAddress(tx: Tx, kind: Kind, slug: string): Promise<void> {
  await tx.taxonomyRedirect.deleteMany({ where: { kind, fromSlug: slug } });
}

async function guarded<T>(run: () => Promise<TaxonomyResult<T>>): Promise<TaxonomyResult<T>> {
  try {
    return await run();
  } catch (error) {
    // Two editors saving the same address at once: the database's unique index decides.
    if (isUniqueViolation(error)) return TAKEN;
    throw error;
  }
}

export async function createCategory(actor: Actor | null, input: CategoryInput): Promise<TaxonomyResult<{ id: string; slug: string }>> {
  if (!canManageTaxonomy(actor)) return FORBIDDEN;
  const slug = input.slug ?? termSlugFromName(input.name);
  if (!slug) return NO_SLUG;
  return guarded(() =>
    db.$transaction(async (tx) => {
      if (await slugTaken(tx, 'category', slug, null)) return TAKEN;
      await claimAddress(tx, 'category', slug);
      const created = await tx.category.create({ data: { name: input.name, slug, description: input.description }, select: { id: true, slug: true } });
      return { ok: true as const, tags: [TAGS.taxonomy, TAGS.category(slug)], ...created };
    }),
  );
}

export async function updateCategory(actor: Actor | null, id: string, input: CategoryInput): Promise<TaxonomyResult<{ slug: string }>> {
  if (!canManageTaxonomy(actor)) return FORBIDDEN;
  return renameTerm('category', id, input, (tx, slug) =>
    tx.category.update({ where: { id }, data: { name: input.name, slug, description: input.description }, select: { id: true } }),
  );
}

export async function updateTag(actor: Actor | null, id: string, input: TagInput): Promise<TaxonomyResult<{ slug: string }>> {
  if (!canManageTaxonomy(actor)) return FORBIDDEN;
  return renameTerm('tag', id, input, (tx, slug) => tx.tag.update({ where: { id }, data: { name: input.name, slug }, select: { id: true } }));
}

async function renameTerm(kind: Kind, id: string, input: { name: string; slug: string | null }, write: (tx: Tx, slug: string) => Promise<unknown>): Promise<TaxonomyResult<{ slug: string }>> {
  const slug = input.slug ?? termSlugFromName(input.name);
  if (!slug) return NO_SLUG;
  return guarded(() =>
    db.$transaction(async (tx) => {
      const term = await lockTerm(tx, kind, id);
      if (!term) return GONE[kind];
      const moved = slug !== term.slug;
      if (moved && (await slugTaken(tx, kind, slug, id))) return TAKEN;
      await write(tx, slug);
      if (moved) {
        await claimAddress(tx, kind, slug);
        await keepOldAddress(tx, kind, term.slug, id);
      }
      const tags = [TAGS.taxonomy, pageTag(kind, term.slug), pageTag(kind, slug)];
      // A description shows only on the category's own page; a name or an address on every post filed there.
      if (moved || input.name !== term.name) tags.push(TAGS.posts, ...(await postPageTags(tx, kind, id)));
      return { ok: true as const, tags: [...new Set(tags)], slug };
    }),
  );
}

/** Deletes a category or a tag; its posts stay, without it. */
async function deleteTerm(kind: Kind, actor: Actor | null, id: string): Promise<TaxonomyResult<{ name: string; posts: number }>> {
  if (!canManageTaxonomy(actor)) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const term = await lockTerm(tx, kind, id);
    if (!term) return GONE[kind];
    const postTags = await postPageTags(tx, kind, id);
    const posts = kind === 'category' ? await tx.postCategory.count({ where: { categoryId: id } }) : await tx.postTag.count({ where: { tagId: id } });
    if (kind === 'category') await tx.category.delete({ where: { id }, select: { id: true } });
    else await tx.tag.delete({ where: { id }, select: { id: true } });
    return { ok: true as const, tags: [TAGS.taxonomy, pageTag(kind, term.slug), TAGS.posts, ...postTags], name: term.name, posts };
  });
}

export const deleteCategory = (actor: Actor | null, id: string) => deleteTerm('category', actor, id);
export const deleteTag = (actor: Actor | null, id: string) => deleteTerm('tag', actor, id);

/**
 * Merges the tag `sourceId` into the tag named `into` (its address, or its name): the
 * source's posts get the target, the source is deleted, and its address (and any old
 * address of its own) answers with the target's page.
 */
export async function mergeTags(actor: Actor | null, sourceId: string, into: string): Promise<TaxonomyResult<{ target: { id: string; slug: string; name: string }; moved: number }>> {
  if (!canManageTaxonomy(actor)) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const source = await lockTerm(tx, 'tag', sourceId);
    if (!source) return GONE.tag;
    const found = await findMergeTarget(tx, into);
    if (!found.ok) return found;
    if (found.id === source.id) return refuse(400, 'chooseAnotherTag', { fieldErrors: { into: 'mergeIntoItself' } });
    const target = await lockTerm(tx, 'tag', found.id);
    if (!target) return GONE.tag;
    const postTags = await postPageTags(tx, 'tag', source.id);
    const moved = await tx.postTag.count({ where: { tagId: source.id } });
    await tx.$executeRaw`
      INSERT INTO post_tags (post_id, tag_id) SELECT post_id, ${target.id} FROM post_tags WHERE tag_id = ${source.id}
      ON CONFLICT DO NOTHING`;
    await tx.taxonomyRedirect.updateMany({ where: { tagId: source.id }, data: { tagId: target.id } });
    await tx.tag.delete({ where: { id: source.id }, select: { id: true } });
    await keepOldAddress(tx, 'tag', source.slug, target.id);
    const tags = [TAGS.taxonomy, TAGS.tag(source.slug), TAGS.tag(target.slug), TAGS.posts, ...postTags];
    return { ok: true as const, tags: [...new Set(tags)], target, moved };
  });
}

async function findMergeTarget(tx: Tx, into: string): Promise<{ ok: true; id: string } | Refused> {
  const bySlug = await tx.tag.findUnique({ where: { slug: into.toLowerCase() }, select: { id: true } });
  if (bySlug) return { ok: true, id: bySlug.id };
  const byName = await tx.tag.findMany({ where: { name: { equals: into, mode: 'insensitive' } }, select: { id: true }, take: 2 });
  if (byName.length === 1 && byName[0]) return { ok: true, id: byName[0].id };
  return refuse(400, 'chooseMergeTarget', { fieldErrors: { into: byName.length > 1 ? 'tagNameAmbiguous' : 'tagUnknown' } });
}
