import 'server-only';
import { canEditPost, canPublishPost, canReassignAuthor, canUseAdmin, isAdmin, type Actor } from '@/lib/auth/permissions';
import { TAGS } from '@/lib/cache-tags';
import { freeSlug, slugFromTitle, slugTaken, upsertTags } from '@/lib/dal/post-addresses';
import { db } from '@/lib/db';
import type { Prisma, PostStatus } from '@/lib/generated/prisma/client';
import { autoExcerpt } from '@/lib/excerpt';
import { crawlerView, notifyCrawlers } from './indexnow-changes';
import { syncPublishJob } from '@/lib/dal/enqueue-jobs';
import { readingMinutes } from '@/lib/reading-time';
import { refuse, type Refused } from './result';
import type { PostInput } from '@/lib/validations/posts';

// Writing posts from the admin area. Every function takes the acting user and checks the
// role and the ownership itself (lib/auth/permissions.ts) against the row it locks, so a
// forged id or a hidden button changes nothing. Saves carry the version the editor
// started from: a save from an older version is refused, never silently merged.
// Functions return the public cache tags the change touches; the caller invalidates them.

/** A refused post write; a stale save also says which version is current. */
export type PostRefusal = Refused & { current?: { version: number; updatedAt: string } };
export type WriteResult<T> = ({ ok: true; tags: string[] } & T) | PostRefusal;

type Locked = { id: string; slug: string; title: string; body: string; excerpt: string; status: PostStatus; authorId: string; version: number; publishedAt: Date | null; deletedAt: Date | null; updatedAt: Date };

const FORBIDDEN = refuse(403, 'postForbidden');
const NOT_FOUND = refuse(404, 'postNotFound');

async function lock(tx: Prisma.TransactionClient, id: string): Promise<Locked | null> {
  const rows = await tx.$queryRaw<Locked[]>`
    SELECT id, slug, title, body, excerpt, status, author_id AS "authorId", version, published_at AS "publishedAt",
           deleted_at AS "deletedAt", updated_at AS "updatedAt"
      FROM posts WHERE id = ${id} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Whether readers can see the post now (or will, once scheduled): its pages and lists are cached. */
function isPublic(post: Pick<Locked, 'status' | 'deletedAt'>): boolean {
  return post.status !== 'DRAFT' && post.deletedAt === null;
}

/** Tags of everything that shows a post: its page (old and new slug), every list, its categories and tags. */
export async function publicTags(tx: Prisma.TransactionClient, postId: string, slugs: string[]): Promise<string[]> {
  const [categories, tags] = await Promise.all([
    tx.postCategory.findMany({ where: { postId }, select: { category: { select: { slug: true } } } }),
    tx.postTag.findMany({ where: { postId }, select: { tag: { select: { slug: true } } } }),
  ]);
  return [
    ...new Set([
      ...slugs.map((s) => TAGS.post(s)),
      TAGS.posts,
      TAGS.taxonomy,
      ...categories.map((c) => TAGS.category(c.category.slug)),
      ...tags.map((t) => TAGS.tag(t.tag.slug)),
    ]),
  ];
}

/** A slug no other post uses (nor an old address of another post), from `wanted`. */
/** A new, empty draft by the actor. */
export async function createDraft(actor: Actor | null, title = 'Untitled'): Promise<WriteResult<{ id: string; slug: string; version: number }>> {
  if (!actor || !canUseAdmin(actor)) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const slug = await freeSlug(tx, slugFromTitle(title), null);
    const post = await tx.post.create({ data: { title, slug, authorId: actor.id, status: 'DRAFT' }, select: { id: true, slug: true, version: true } });
    return { ok: true as const, tags: [], ...post };
  });
}

/** What a save may also do to the post's state (the editor's Publish, Schedule and Unpublish). */
export type StateChange = { to: 'published'; at: Date | null } | { to: 'draft' };

type Saved = { version: number; slug: string; status: PostStatus; publishedAt: string | null };

/**
 * Saves the editor's fields over version `baseVersion` and, with `change`, publishes,
 * schedules or unpublishes in the same transaction, so a failure halfway leaves the post
 * as it was. A body or title change keeps a revision; a published post's old address
 * keeps working (a redirect row, 301).
 */
export async function savePost(actor: Actor | null, id: string, input: PostInput, baseVersion: number, change?: StateChange, now = new Date()): Promise<WriteResult<Saved>> {
  if (!actor) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const post = await lock(tx, id);
    if (!post || post.deletedAt) return NOT_FOUND;
    if (!canEditPost(actor, post) || (change && !canPublishPost(actor, post))) return FORBIDDEN;
    if (input.authorId && input.authorId !== post.authorId && !canReassignAuthor(actor)) return FORBIDDEN;
    if (post.version !== baseVersion) {
      return { ...refuse(409, 'postStale'), current: { version: post.version, updatedAt: post.updatedAt.toISOString() } };
    }
    if (input.slug !== post.slug && (await slugTaken(tx, input.slug, id))) {
      return refuse(409, 'chooseAddress', { fieldErrors: { slug: 'postSlugTaken' } });
    }
    if (input.authorId && input.authorId !== post.authorId) {
      const author = await tx.user.findFirst({ where: { id: input.authorId, role: { in: ['CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN'] } }, select: { id: true } });
      if (!author) return refuse(409, 'chooseStaffAuthor', { fieldErrors: { authorId: 'notStaff' } });
    }
    const before = isPublic(post) ? await publicTags(tx, id, [post.slug]) : [];
    const seen = await crawlerView(tx, id);
    const state = change ? nextState(post, change, now) : { status: post.status, publishedAt: post.publishedAt };

    const tagIds = await upsertTags(tx, input.tags);
    const updated = await tx.post.update({
      where: { id },
      data: {
        title: input.title,
        slug: input.slug,
        excerpt: excerptFor(input, post),
        body: input.body,
        coverImage: input.coverImage,
        coverAlt: input.coverAlt,
        seoTitle: input.seoTitle,
        seoDescription: input.seoDescription,
        readingMinutes: readingMinutes(input.body),
        ...(input.authorId ? { authorId: input.authorId } : {}),
        version: { increment: 1 },
        categories: { deleteMany: {}, create: [...new Set(input.categoryIds)].map((categoryId) => ({ categoryId })) },
        tags: { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) },
      },
      select: { version: true, slug: true },
    });
    if (input.body !== post.body || input.title !== post.title) {
      await tx.postRevision.create({ data: { postId: id, authorId: actor.id, title: input.title, body: input.body } });
    }
    if (input.slug !== post.slug) {
      // The new address may be one this post had before: it is no longer a redirect.
      await tx.postRedirect.deleteMany({ where: { fromSlug: input.slug } });
      if (isPublic(post)) await tx.postRedirect.create({ data: { fromSlug: post.slug, postId: id } });
    }
    // The state change is the last write and a version of its own, as a separate publish was.
    const { version } = change ? await tx.post.update({ where: { id }, data: { ...state, version: { increment: 1 } }, select: { version: true } }) : updated;
    if (change) await syncPublishJob(tx, id);
    await notifyCrawlers(tx, id, seen);
    const after = state.status !== 'DRAFT' ? await publicTags(tx, id, [input.slug]) : [];
    return { ok: true as const, tags: [...new Set([...before, ...after])], version, slug: updated.slug, status: state.status, publishedAt: state.publishedAt?.toISOString() ?? null };
  });
}

/**
 * The author's excerpt, or one made from the body when the field is empty, or still
 * holds the excerpt made from the previous body (so it follows the body until written).
 */
function excerptFor(input: PostInput, post: Locked): string {
  const automatic = input.excerpt === '' || (input.excerpt === post.excerpt && post.excerpt === autoExcerpt(post.body));
  return automatic ? autoExcerpt(input.body) : input.excerpt;
}

/** Published now (a published post keeps its date), scheduled when `at` is in the future, or back to draft. */
function nextState(post: Locked, change: StateChange, now: Date): { status: PostStatus; publishedAt: Date | null } {
  if (change.to === 'draft') return { status: 'DRAFT', publishedAt: null };
  const when = change.at && change.at.getTime() > now.getTime() ? change.at : (post.status === 'PUBLISHED' && post.publishedAt) || now;
  return { status: when.getTime() > now.getTime() ? 'SCHEDULED' : 'PUBLISHED', publishedAt: when };
}

/** Publishes now, or schedules for `at` when it is in the future. */
export async function publishPost(actor: Actor | null, id: string, at: Date | null = null, now = new Date()): Promise<WriteResult<{ status: PostStatus; publishedAt: string }>> {
  return changeState(actor, id, { to: 'published', at }, now);
}

/** Back to draft: off every public page. */
export async function unpublishPost(actor: Actor | null, id: string): Promise<WriteResult<{ status: PostStatus; publishedAt: string }>> {
  return changeState(actor, id, { to: 'draft' }, new Date());
}

async function changeState(actor: Actor | null, id: string, change: StateChange, now: Date): Promise<WriteResult<{ status: PostStatus; publishedAt: string }>> {
  if (!actor) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const post = await lock(tx, id);
    if (!post || post.deletedAt) return NOT_FOUND;
    if (!canPublishPost(actor, post)) return FORBIDDEN;
    const { status, publishedAt } = nextState(post, change, now);
    const seen = await crawlerView(tx, id);
    await tx.post.update({ where: { id }, data: { status, publishedAt, version: { increment: 1 } }, select: { id: true } });
    await syncPublishJob(tx, id);
    await notifyCrawlers(tx, id, seen);
    const tags = isPublic(post) || status !== 'DRAFT' ? await publicTags(tx, id, [post.slug]) : [];
    return { ok: true as const, tags, status, publishedAt: publishedAt?.toISOString() ?? '' };
  });
}

/** To the trash (off every public page); restorable until an admin empties the trash. */
export async function trashPost(actor: Actor | null, id: string): Promise<WriteResult<object>> {
  if (!actor) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const post = await lock(tx, id);
    if (!post || post.deletedAt) return NOT_FOUND;
    if (!canPublishPost(actor, post)) return FORBIDDEN;
    const tags = isPublic(post) ? await publicTags(tx, id, [post.slug]) : [];
    const seen = await crawlerView(tx, id);
    await tx.post.update({ where: { id }, data: { deletedAt: new Date(), version: { increment: 1 } }, select: { id: true } });
    await syncPublishJob(tx, id);
    await notifyCrawlers(tx, id, seen);
    return { ok: true as const, tags };
  });
}

/** Out of the trash, in the state it had. */
export async function restorePost(actor: Actor | null, id: string): Promise<WriteResult<object>> {
  if (!actor) return FORBIDDEN;
  return db.$transaction(async (tx) => {
    const post = await lock(tx, id);
    if (!post || !post.deletedAt) return refuse(404, 'notInTrash');
    if (!canPublishPost(actor, post)) return FORBIDDEN;
    const seen = await crawlerView(tx, id);
    await tx.post.update({ where: { id }, data: { deletedAt: null, version: { increment: 1 } }, select: { id: true } });
    await syncPublishJob(tx, id);
    await notifyCrawlers(tx, id, seen);
    const tags = isPublic({ ...post, deletedAt: null }) ? await publicTags(tx, id, [post.slug]) : [];
    return { ok: true as const, tags };
  });
}

/** Deletes every trashed post for good (admins only). */
export async function emptyTrash(actor: Actor | null): Promise<WriteResult<{ deleted: number }>> {
  if (!actor || !isAdmin(actor)) return refuse(403, 'adminsEmptyTrash');
  const { count } = await db.post.deleteMany({ where: { deletedAt: { not: null } } });
  return { ok: true, tags: [], deleted: count };
}
