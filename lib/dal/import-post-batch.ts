import 'server-only';
import { TAGS } from '@/lib/cache-tags';
import type { ImportPost } from '@/lib/import/types';
import { importExcerpt } from '@/lib/import/excerpt';
import { syncPublishJob } from '@/lib/dal/enqueue-jobs';
import { readingMinutes } from '@/lib/reading-time';
import { slugFromTitle } from '@/lib/slug';
import type { PostInput } from '@/lib/validations/posts';
import { newId, remember, type ImportContext } from './import-context';

// New posts of an import, written a batch at a time in set-based statements: the addresses,
// tags, posts, their categories and tags, first revisions, old addresses, then the search
// documents once per post (the per-row triggers are held off meanwhile: see the migration
// 20261203152000_import_deferred_search). Same rows as the editor's save would make.

export type NewPost = { post: ImportPost; input: PostInput; hash: string; authorId: string };

/** State kept across batches of one run: addresses and old paths taken so far. */
export type BatchState = { slugs: Set<string>; paths: Map<string, string> };

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The free address for each post: `wanted`, or the first of `wanted-2`, `wanted-3`… as freeSlug gives. */
async function freeSlugs(ctx: ImportContext, state: BatchState, batch: NewPost[]): Promise<string[]> {
  const wanted = batch.map((b) => b.input.slug);
  const rows = await ctx.tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM posts WHERE slug = ANY(${wanted}::text[])
    UNION SELECT from_slug FROM post_redirects WHERE from_slug = ANY(${wanted}::text[])`;
  const taken = new Set(rows.map((r) => r.slug));
  const out: string[] = [];
  for (const slug of wanted) {
    // Rarely taken: then the addresses numbered from it are read as freeSlug reads them.
    const free = taken.has(slug) || state.slugs.has(slug) ? await numbered(ctx, state, slug) : slug;
    state.slugs.add(free);
    out.push(free);
  }
  return out;
}

async function numbered(ctx: ImportContext, state: BatchState, wanted: string): Promise<string> {
  const prefix = `${wanted.slice(0, 110)}-`;
  const like = `${prefix.replace(/[\\%_]/g, '\\$&')}%`;
  const rows = await ctx.tx.$queryRaw<{ slug: string }[]>`
    SELECT slug FROM posts WHERE slug = ${wanted} OR slug LIKE ${like}
    UNION SELECT from_slug FROM post_redirects WHERE from_slug = ${wanted} OR from_slug LIKE ${like}`;
  const taken = new Set(rows.map((r) => r.slug));
  for (let n = 2; ; n += 1) {
    const candidate = `${prefix}${n}`;
    if (!taken.has(candidate) && !state.slugs.has(candidate)) return candidate;
  }
}

/** Tag ids per post (as upsertTags gives them: one per slug, in order), creating new tags in one statement. */
async function tagIds(ctx: ImportContext, batch: NewPost[]): Promise<{ ids: string[][]; slugOf: Map<string, string> }> {
  const perPost = batch.map((b) => {
    const bySlug = new Map<string, string>();
    for (const name of b.input.tags) {
      const slug = slugFromTitle(name).slice(0, 60);
      if (!bySlug.has(slug)) bySlug.set(slug, name.trim());
    }
    return bySlug;
  });
  const names = new Map<string, string>();
  for (const bySlug of perPost) for (const [slug, name] of bySlug) if (!names.has(slug)) names.set(slug, name);
  const idOf = new Map<string, string>();
  const slugOf = new Map<string, string>();
  if (names.size > 0) {
    const slugs = [...names.keys()];
    await ctx.tx.$executeRaw`
      INSERT INTO tags (id, slug, name) SELECT * FROM unnest(${slugs.map(() => newId())}::text[], ${slugs}::text[], ${[...names.values()]}::text[])
      ON CONFLICT (slug) DO NOTHING`;
    const rows = await ctx.tx.$queryRaw<{ id: string; slug: string }[]>`SELECT id, slug FROM tags WHERE slug = ANY(${slugs}::text[])`;
    for (const r of rows) {
      idOf.set(r.slug, r.id);
      slugOf.set(r.id, r.slug);
    }
  }
  return { ids: perPost.map((bySlug) => [...bySlug.keys()].map((slug) => idOf.get(slug)!)), slugOf };
}

/** Writes the batch; returns the new post ids in its order. */
export async function insertPosts(ctx: ImportContext, state: BatchState, batch: NewPost[]): Promise<string[]> {
  if (batch.length === 0) return [];
  const { tx } = ctx;
  const slugs = await freeSlugs(ctx, state, batch);
  const { ids: tags, slugOf } = await tagIds(ctx, batch);
  const ids = batch.map(() => newId());
  const col = <T>(f: (b: NewPost, i: number) => T) => batch.map(f);
  await tx.$executeRaw`SELECT set_config('quire.search_deferred', 'on', true)`;
  await tx.$executeRaw`
    INSERT INTO posts (id, slug, title, excerpt, body, status, published_at, created_at, updated_at, reading_minutes, author_id)
    SELECT id, slug, title, excerpt, body, status::"PostStatus", (published_at::timestamptz AT TIME ZONE 'UTC'), (created_at::timestamptz AT TIME ZONE 'UTC'), now() AT TIME ZONE 'UTC', reading_minutes, author_id
    FROM unnest(${ids}::text[], ${slugs}::text[], ${col((b) => b.input.title)}::text[], ${col((b) => b.input.excerpt || importExcerpt(b.input.body))}::text[],
      ${col((b) => b.input.body)}::text[], ${col((b) => b.post.status)}::text[], ${col((b) => iso(b.post.publishedAt))}::text[], ${col((b) => iso(b.post.createdAt))}::text[],
      ${col((b) => readingMinutes(b.input.body))}::int[], ${col((b) => b.authorId)}::text[])
      AS t(id, slug, title, excerpt, body, status, published_at, created_at, reading_minutes, author_id)`;
  const pairs = (lists: string[][]) => ({ posts: lists.flatMap((l, i) => l.map(() => ids[i]!)), others: lists.flat() });
  const categories = pairs(batch.map((b) => b.input.categoryIds));
  await tx.$executeRaw`INSERT INTO post_categories (post_id, category_id) SELECT * FROM unnest(${categories.posts}::text[], ${categories.others}::text[])`;
  const taggings = pairs(tags);
  await tx.$executeRaw`INSERT INTO post_tags (post_id, tag_id) SELECT * FROM unnest(${taggings.posts}::text[], ${taggings.others}::text[])`;
  // The documents the triggers would have made, now that the tags are in: once per post.
  await tx.$executeRaw`
    UPDATE posts p SET search = quire_post_search_vector(p.title, p.excerpt, p.body, p.id), title_search = to_tsvector('english'::regconfig, coalesce(p.title, ''))
    WHERE p.id = ANY(${ids}::text[])`;
  await tx.$executeRaw`SELECT set_config('quire.search_deferred', 'off', true)`;
  await tx.$executeRaw`
    INSERT INTO post_revisions (id, post_id, author_id, title, body, created_at)
    SELECT id, post_id, author_id, title, body, (created_at::timestamptz AT TIME ZONE 'UTC')
    FROM unnest(${col(() => newId())}::text[], ${ids}::text[], ${col((b) => b.authorId)}::text[], ${col((b) => b.input.title)}::text[], ${col((b) => b.input.body)}::text[], ${col((b) => iso(b.post.createdAt))}::text[])
      AS t(id, post_id, author_id, title, body, created_at)`;
  for (const [i, b] of batch.entries()) if (b.post.status === 'SCHEDULED') await syncPublishJob(tx, ids[i]!);
  await addOldPaths(ctx, state, batch, ids);
  await publicCacheTags(ctx, batch, slugs, tags, slugOf);
  for (const [i, b] of batch.entries()) {
    await remember(ctx, 'post', b.post.sourceId, ids[i]!, `${b.hash}:1`);
    ctx.report.created.posts += 1;
    if (b.post.note) ctx.report.notes.push(`"${b.post.title}": ${b.post.note}`);
  }
  return ids;
}

/** Old addresses, first come first served: one that already leads to another post keeps leading there. */
async function addOldPaths(ctx: ImportContext, state: BatchState, batch: NewPost[], ids: string[]): Promise<void> {
  const paths: string[] = [];
  const owners: string[] = [];
  for (const [i, b] of batch.entries()) {
    for (const path of b.post.oldPaths) {
      const owner = state.paths.get(path);
      if (owner === undefined) {
        state.paths.set(path, ids[i]!);
        paths.push(path);
        owners.push(ids[i]!);
      } else if (owner !== ids[i]) ctx.report.notes.push(`"${b.post.title}": the old address ${path} already leads to another post; left as it was`);
    }
  }
  if (paths.length === 0) return;
  const rows = await ctx.tx.$queryRaw<{ path: string; post_id: string; inserted: boolean }[]>`
    INSERT INTO legacy_paths (path, post_id) SELECT * FROM unnest(${paths}::text[], ${owners}::text[])
    ON CONFLICT (path) DO UPDATE SET path = EXCLUDED.path
    RETURNING path, post_id, (xmax = 0) AS inserted`;
  const titles = new Map(batch.map((b, i) => [ids[i]!, b.post.title]));
  const wanted = new Map(paths.map((p, i) => [p, owners[i]!]));
  for (const row of rows) {
    if (row.inserted) ctx.report.created.redirects += 1;
    else if (row.post_id !== wanted.get(row.path)) {
      state.paths.set(row.path, row.post_id);
      ctx.report.notes.push(`"${titles.get(wanted.get(row.path)!)}": the old address ${row.path} already leads to another post; left as it was`);
    }
  }
}

/** What the public pages of the new posts are cached under (as publicTags gives it), to expire after the import. */
async function publicCacheTags(ctx: ImportContext, batch: NewPost[], slugs: string[], tags: string[][], slugOf: Map<string, string>): Promise<void> {
  const shown = batch.map((b, i) => i).filter((i) => batch[i]!.post.status !== 'DRAFT');
  if (shown.length === 0) return;
  const categoryIds = [...new Set(shown.flatMap((i) => batch[i]!.input.categoryIds))];
  const rows = await ctx.tx.$queryRaw<{ slug: string }[]>`SELECT slug FROM categories WHERE id = ANY(${categoryIds}::text[])`;
  ctx.tags.add(TAGS.posts).add(TAGS.taxonomy);
  for (const r of rows) ctx.tags.add(TAGS.category(r.slug));
  for (const i of shown) {
    ctx.tags.add(TAGS.post(slugs[i]!));
    for (const id of tags[i]!) ctx.tags.add(TAGS.tag(slugOf.get(id)!));
  }
}
