import 'server-only';
import { TAGS } from '@/lib/cache-tags';
import { commentHtml } from '@/lib/import/comment-html';
import { oldPath } from '@/lib/import/paths';
import type { ImportComment } from '@/lib/import/types';
import { withoutUnstorable } from '@/lib/validations/storable-text';
import { known, newId, remember, type ImportContext } from './import-context';
import { commenterOf, importCommenters, type Person } from './import-people';

// Imported comments keep their thread, date and author; they are rendered as reader
// comments are (lib/comments/markdown.ts: raw HTML shown as text, images as links).
// Replies deeper than the site's reply levels join the deepest level beside their parent,
// as new replies do (lib/dal/comment-writes.ts). posts.comment_count moves in SQL, as there,
// so posts.updated_at stays: comments are not edits of the post.

type Placed = { id: string; postId: string; depth: number; parentId: string | null; rootId: string | null };
type Row = Placed & { person: Person; body: string; status: 'VISIBLE' | 'HELD'; createdAt: Date };

// Comments are inserted 5,000 at a time (parents before their replies, in one statement or
// an earlier one), after their authors' accounts are resolved all at once.
const CHUNK = 5_000;

async function insertComments(ctx: ImportContext, rows: Row[]): Promise<void> {
  const authors = await importCommenters(ctx, rows.map((r) => r.person));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const col = <T>(f: (r: Row) => T) => chunk.map(f);
    await ctx.tx.$executeRaw`
      INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at)
      SELECT id, post_id, author_id, parent_id, root_id, depth, body, body_html, status::"CommentStatus", (created_at::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(${col((r) => r.id)}::text[], ${col((r) => r.postId)}::text[], ${authors.slice(i, i + CHUNK)}::text[], ${col((r) => r.parentId)}::text[],
        ${col((r) => r.rootId)}::text[], ${col((r) => r.depth)}::int[], ${col((r) => r.body)}::text[], ${col((r) => commentHtml(r.body))}::text[],
        ${col((r) => r.status)}::text[], ${col((r) => r.createdAt.toISOString())}::text[])
        AS t(id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at)`;
  }
}

/** The post a Disqus thread's URL names: one of this site's old addresses, or /post/<slug>. */
async function postByUrl(ctx: ImportContext, url: string): Promise<string | null> {
  const path = oldPath(url);
  if (!path) return null;
  const legacy = await ctx.tx.legacyPath.findUnique({ where: { path }, select: { postId: true } });
  if (legacy) return legacy.postId;
  const slug = /^\/post\/([a-z0-9-]+)$/.exec(path)?.[1];
  return slug ? postBySlug(ctx, slug) : null;
}

async function postBySlug(ctx: ImportContext, slug: string): Promise<string | null> {
  const post = await ctx.tx.post.findUnique({ where: { slug }, select: { id: true } });
  return post?.id ?? null;
}

/** Where the comments an earlier run imported are now (read at once: a second run of 100,000 would be 100,000 reads). */
async function placedBefore(ctx: ImportContext, comments: ImportComment[]): Promise<Map<string, Placed>> {
  const ids = comments.map((c) => known(ctx, 'comment', c.sourceId)?.targetId).filter((id): id is string => !!id);
  const out = new Map<string, Placed>();
  for (let i = 0; i < ids.length; i += 10_000) {
    const rows = await ctx.tx.comment.findMany({ where: { id: { in: ids.slice(i, i + 10_000) } }, select: { id: true, postId: true, depth: true, parentId: true, rootId: true } });
    for (const row of rows) out.set(row.id, row);
  }
  return out;
}

/** Imports every comment of a bundle, each parent before its replies. */
export async function importComments(ctx: ImportContext, comments: ImportComment[], postIds: Map<string, string>): Promise<void> {
  const bySource = new Map(comments.map((c) => [c.sourceId, c]));
  const done = new Map<string, Placed | null>();
  const visibleAdded = new Map<string, number>();
  const rows: Row[] = [];
  const earlier = await placedBefore(ctx, comments);

  const run = async (comment: ImportComment, trail: Set<string>): Promise<Placed | null> => {
    if (done.has(comment.sourceId)) return done.get(comment.sourceId) ?? null;
    const parentSource = comment.parentRef ? bySource.get(comment.parentRef) : undefined;
    // A cycle in parent ids (broken data): treat as a top-level comment.
    const parent = parentSource && !trail.has(parentSource.sourceId) ? await run(parentSource, new Set([...trail, comment.sourceId])) : null;
    const result = await importComment(ctx, comment, parent, { postIds, visibleAdded, rows, earlier });
    done.set(comment.sourceId, result);
    ctx.tick();
    return result;
  };
  for (const comment of comments) await run(comment, new Set());
  await insertComments(ctx, rows);

  // One statement for every post's count (posts.updated_at stays: see above).
  const counted = [...visibleAdded];
  const updated = await ctx.tx.$queryRaw<{ id: string; slug: string; status: string }[]>`
    UPDATE posts p SET comment_count = p.comment_count + d.n
    FROM unnest(${counted.map(([id]) => id)}::text[], ${counted.map(([, n]) => n)}::int[]) AS d(id, n)
    WHERE p.id = d.id RETURNING p.id, p.slug, p.status::text AS status`;
  for (const row of updated) {
    ctx.tags.add(TAGS.comments(row.id)).add(TAGS.counters(row.id)).add(TAGS.anyComments);
    if (row.status !== 'DRAFT') ctx.tags.add(TAGS.post(row.slug));
  }
}

async function importComment(
  ctx: ImportContext,
  comment: ImportComment,
  parentPlaced: Placed | null,
  { postIds, visibleAdded, rows, earlier }: { postIds: Map<string, string>; visibleAdded: Map<string, number>; rows: Row[]; earlier: Map<string, Placed> },
): Promise<Placed | null> {
  const skip = (reason: string) => {
    ctx.report.skipped.push({ kind: 'comment', sourceId: comment.sourceId, title: `by ${comment.authorName}`, reason });
    return null;
  };
  const before = known(ctx, 'comment', comment.sourceId);
  if (before) {
    const row = earlier.get(before.targetId);
    if (row) {
      ctx.report.unchanged.comments += 1;
      return row;
    }
    return skip('deleted on this site since an earlier import: not brought back');
  }
  const where = comment.target;
  const postId = 'postRef' in where ? (postIds.get(where.postRef) ?? null) : 'slug' in where ? await postBySlug(ctx, where.slug) : await postByUrl(ctx, where.url);
  if (!postId) {
    if ('postRef' in where) return skip('its post was not imported');
    return skip('slug' in where ? `the mapping file sends ${where.url} to /post/${where.slug}, which is no post here` : `no post on this site has the address ${where.url}`);
  }
  // A reply to a deleted or skipped comment keeps its words, as a comment of its own.
  if (comment.parentRef && !parentPlaced) ctx.report.notes.push(`comment ${comment.sourceId} by ${comment.authorName}: its parent was not imported, so it is a top-level comment`);
  const body = withoutUnstorable(comment.body).trim();
  if (!body) return skip('empty');

  let parentId: string | null = null;
  let rootId: string | null = null;
  let depth = 0;
  if (parentPlaced && parentPlaced.postId === postId) {
    if (parentPlaced.depth + 1 >= ctx.maxDepth && parentPlaced.parentId) {
      parentId = parentPlaced.parentId;
      depth = parentPlaced.depth;
    } else {
      parentId = parentPlaced.id;
      depth = parentPlaced.depth + 1;
    }
    rootId = parentPlaced.rootId ?? parentPlaced.id;
  }
  const created: Row = { id: newId(), postId, person: commenterOf(comment.authorName, comment.authorEmail), parentId, rootId, depth, body, status: comment.status, createdAt: comment.createdAt };
  rows.push(created);
  await remember(ctx, 'comment', comment.sourceId, created.id);
  ctx.report.created.comments += 1;
  if (comment.status === 'VISIBLE') visibleAdded.set(postId, (visibleAdded.get(postId) ?? 0) + 1);
  else ctx.report.notes.push(`comment ${comment.sourceId} by ${comment.authorName}: unapproved on the old site, held for moderation here`);
  return { id: created.id, postId, depth, parentId, rootId };
}
