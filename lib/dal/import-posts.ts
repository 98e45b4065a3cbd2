import 'server-only';
import { createHash } from 'node:crypto';
import { TAGS } from '@/lib/cache-tags';
import { autoExcerpt } from '@/lib/excerpt';
import type { ImportCategory, ImportPost } from '@/lib/import/types';
import { syncPublishJob } from '@/lib/dal/enqueue-jobs';
import { insertPosts, type BatchState, type NewPost } from './import-post-batch';
import { readingMinutes } from '@/lib/reading-time';
import { slugFromTitle } from '@/lib/slug';
import { postInputSchema, type PostInput } from '@/lib/validations/posts';
import { publicTags } from './admin-posts';
import { known, remember, type ImportContext } from './import-context';
import { upsertTags } from './post-addresses';

// Imported posts go through the editor's own rules: the post schema (lengths, storable
// text, at most 10 categories and 20 tags), a free address from the posts DAL, reading
// time and excerpt as a save makes them, a first revision, the publish job of a scheduled
// post. New posts are written in batches (lib/dal/import-post-batch.ts), with the search
// documents the triggers would make; an updated post goes through the triggers.

const TAG_MAX = 40;

export async function importCategory(ctx: ImportContext, category: ImportCategory): Promise<string> {
  const before = known(ctx, 'category', category.sourceId);
  if (before && (await ctx.tx.category.count({ where: { id: before.targetId } })) > 0) {
    ctx.report.unchanged.categories += 1;
    return before.targetId;
  }
  const slug = slugFromTitle(category.slug || category.name).slice(0, 60);
  const existing = await ctx.tx.category.findUnique({ where: { slug }, select: { id: true } });
  if (existing) ctx.report.matched.categories += 1;
  else ctx.report.created.categories += 1;
  const id =
    existing?.id ??
    (await ctx.tx.category.create({ data: { slug, name: category.name.trim().slice(0, 60) || slug, description: category.description.slice(0, 300) }, select: { id: true } })).id;
  await remember(ctx, 'category', category.sourceId, id);
  ctx.tags.add(TAGS.taxonomy);
  return id;
}

type Prepared = { input: PostInput; hash: string };

/** The post as the editor's schema takes it, or why it cannot be. */
function prepare(ctx: ImportContext, post: ImportPost, authorId: string, categoryIds: string[]): Prepared | string {
  const tags = post.tags.map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= TAG_MAX);
  const dropped = post.tags.length - tags.length + Math.max(0, tags.length - 20) + Math.max(0, categoryIds.length - 10);
  if (dropped > 0) ctx.report.notes.push(`"${post.title}": ${dropped} tag(s) or categories over the limits (20 tags of 40 characters, 10 categories) left out`);
  const parsed = postInputSchema.safeParse({
    title: post.title.trim().slice(0, 200),
    slug: post.slug,
    excerpt: post.excerpt.replace(/\s+/g, ' ').trim().slice(0, 300),
    body: post.body,
    tags: tags.slice(0, 20),
    categoryIds: categoryIds.slice(0, 10),
  });
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  const { input } = { input: parsed.data };
  const digest = createHash('sha256')
    .update(JSON.stringify([input.title, input.body, input.excerpt, input.tags, input.categoryIds, post.status, post.publishedAt?.toISOString() ?? null, authorId]))
    .digest('base64url');
  return { input, hash: digest };
}

type Wanted = { post: ImportPost; authorId: string; categoryIds: string[] };

// New posts are written this many at a time (lib/dal/import-post-batch.ts).
const BATCH = 500;

/** Creates, updates or leaves each post; returns source id → post id of those not skipped. */
export async function importPosts(ctx: ImportContext, posts: Wanted[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const earlier = await postsBefore(ctx, posts.map((p) => p.post));
  const state: BatchState = { slugs: new Set(), paths: new Map() };
  let batch: NewPost[] = [];
  const flush = async () => {
    const ids = await insertPosts(ctx, state, batch);
    for (const [i, b] of batch.entries()) {
      out.set(b.post.sourceId, ids[i]!);
      ctx.tick();
    }
    batch = [];
  };
  for (const { post, authorId, categoryIds } of posts) {
    const id = await importPost(ctx, post, authorId, categoryIds, earlier, (created) => batch.push(created));
    if (id) out.set(post.sourceId, id);
    if (id !== undefined) ctx.tick();
    if (batch.length >= BATCH) await flush();
  }
  await flush();
  return out;
}

type Row = { id: string; version: number };

/** The posts earlier runs made from these, read at once (a second run of 10,000 would be 10,000 reads). */
async function postsBefore(ctx: ImportContext, posts: ImportPost[]): Promise<Map<string, Row>> {
  const ids = posts.map((p) => known(ctx, 'post', p.sourceId)?.targetId).filter((id): id is string => !!id);
  const out = new Map<string, Row>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await ctx.tx.post.findMany({ where: { id: { in: ids.slice(i, i + 10_000) } }, select: { id: true, version: true } });
    for (const row of rows) out.set(row.id, row);
  }
  return out;
}

/** The post's id, null when it was skipped, undefined when it waits in the batch of new posts. */
async function importPost(ctx: ImportContext, post: ImportPost, authorId: string, categoryIds: string[], earlier: Map<string, Row>, create: (p: NewPost) => void): Promise<string | null | undefined> {
  const skip = (reason: string) => {
    ctx.report.skipped.push({ kind: 'post', sourceId: post.sourceId, title: post.title, reason });
    return null;
  };
  const prepared = prepare(ctx, post, authorId, categoryIds);
  if (typeof prepared === 'string') return skip(prepared);
  const { input, hash } = prepared;
  const before = known(ctx, 'post', post.sourceId);
  if (before) {
    const [storedHash, storedVersion] = before.hash.split(':');
    const row = earlier.get(before.targetId);
    if (!row) return skip('deleted on this site since an earlier import: not brought back');
    if (storedHash === hash) {
      ctx.report.unchanged.posts += 1;
      return row.id;
    }
    if (String(row.version) !== storedVersion) return skip('changed in the export, but also edited on this site since an earlier import: not overwritten');
    return updatePost(ctx, post, row.id, input, hash, authorId);
  }
  create({ post, input, hash, authorId });
  return undefined;
}

async function updatePost(ctx: ImportContext, post: ImportPost, id: string, input: PostInput, hash: string, authorId: string): Promise<string> {
  const current = await ctx.tx.post.findUniqueOrThrow({ where: { id }, select: { slug: true, status: true, body: true, title: true } });
  const before = current.status !== 'DRAFT' ? await publicTags(ctx.tx, id, [current.slug]) : [];
  const tagIds = await upsertTags(ctx.tx, input.tags);
  const updated = await ctx.tx.post.update({
    where: { id },
    data: {
      title: input.title,
      excerpt: input.excerpt || autoExcerpt(input.body),
      body: input.body,
      status: post.status,
      publishedAt: post.publishedAt,
      readingMinutes: readingMinutes(input.body),
      authorId,
      version: { increment: 1 },
      categories: { deleteMany: {}, create: input.categoryIds.map((categoryId) => ({ categoryId })) },
      tags: { deleteMany: {}, create: tagIds.map((tagId) => ({ tagId })) },
    },
    select: { version: true },
  });
  if (current.body !== input.body || current.title !== input.title) {
    await ctx.tx.postRevision.create({ data: { postId: id, authorId, title: input.title, body: input.body } });
  }
  await syncPublishJob(ctx.tx, id);
  await addOldPaths(ctx, post, id);
  await remember(ctx, 'post', post.sourceId, id, `${hash}:${updated.version}`);
  ctx.report.updated.posts += 1;
  const after = post.status !== 'DRAFT' ? await publicTags(ctx.tx, id, [current.slug]) : [];
  for (const tag of [...before, ...after]) ctx.tags.add(tag);
  return id;
}

/** The post's old addresses; one that already leads to another post keeps leading there. */
async function addOldPaths(ctx: ImportContext, post: ImportPost, postId: string): Promise<void> {
  for (const path of post.oldPaths) {
    const rows = await ctx.tx.$queryRaw<{ post_id: string; inserted: boolean }[]>`
      INSERT INTO legacy_paths (path, post_id) VALUES (${path}, ${postId})
      ON CONFLICT (path) DO UPDATE SET path = EXCLUDED.path
      RETURNING post_id, (xmax = 0) AS inserted`;
    const row = rows[0];
    if (row?.inserted) ctx.report.created.redirects += 1;
    else if (row && row.post_id !== postId) ctx.report.notes.push(`"${post.title}": the old address ${path} already leads to another post; left as it was`);
  }
}
