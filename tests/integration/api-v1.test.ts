import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { apiValidator, type ApiValidator } from '../helpers/openapi';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The read API's data on a real PostgreSQL: the keyset thread pages (only what a reader may
// see, every thread once) and the answers' shapes checked against the OpenAPI document the
// site serves. Its requests (query validation, ETag and 304, CORS, 4xx bodies, the 429):
// api-v1-http.test.ts. The routes themselves, with the cache, are walked in e2e/api-v1.spec.ts.

const SITE = 'http://localhost:3000';
const url = (path: string) => new URL(path, SITE).toString();
const run = randomUUID().slice(0, 8);

let sql: pg.Pool;
let queries: typeof import('../../lib/dal/api-queries');
let shape: typeof import('../../lib/api/shape');
let validator: ApiValidator;
let openapi: typeof import('../../lib/api/openapi');
let disconnect: () => Promise<void>;
const fx = { post: { id: '', slug: '' }, reader: '', visibleTop: [] as string[], comments: {} as Record<string, string> };

let minute = 0;
async function comment(postId: string, status: string, text: string, parent?: string): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const parentRow = parent ? (await sql.query<{ root: string | null; depth: number }>('SELECT root_id AS root, depth FROM comments WHERE id = $1', [parent])).rows[0] : undefined;
  minute += 1;
  await sql.query(
    `INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, timestamp '2025-01-01' + make_interval(mins => $10))`,
    [id, postId, fx.reader, parent ?? null, parentRow ? (parentRow.root ?? parent) : null, parentRow ? parentRow.depth + 1 : 0, text, `<p>${text} <a href="/post/x">link</a></p>`, status, minute],
  );
  return id;
}

before(async () => {
  queries = await import('../../lib/dal/api-queries');
  shape = await import('../../lib/api/shape');
  openapi = await import('../../lib/api/openapi');
  validator = apiValidator(openapi.openApiDocument(SITE));
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
  const author = await createAuthor(sql);
  fx.reader = await createAuthor(sql);
  fx.post = await createPost(sql, author, { title: `API ${run}`, body: `# Hello\n\n![cover](/uploads/a-${run}.webp) **${run}**` });
  const c = fx.comments;
  c.visible1 = await comment(fx.post.id, 'VISIBLE', `Visible one ${run}`);
  c.held = await comment(fx.post.id, 'HELD', `HELD-TEXT ${run}`);
  c.hidden = await comment(fx.post.id, 'HIDDEN', `HIDDEN-TEXT ${run}`);
  c.replyToHidden = await comment(fx.post.id, 'VISIBLE', `Reply under hidden ${run}`, c.hidden);
  c.deletedLeaf = await comment(fx.post.id, 'DELETED', `DELETED-TEXT ${run}`);
  c.visible2 = await comment(fx.post.id, 'VISIBLE', `Visible two ${run}`);
  c.heldReply = await comment(fx.post.id, 'HELD', `HELD-REPLY-TEXT ${run}`, c.visible2);
  c.reply = await comment(fx.post.id, 'VISIBLE', `Reply ${run}`, c.visible2);
  c.deletedReply = await comment(fx.post.id, 'DELETED', `DELETED-REPLY-TEXT ${run}`, c.visible2);
  c.replyToReply = await comment(fx.post.id, 'VISIBLE', `Deep ${run}`, c.reply);
  for (let i = 3; i <= 5; i++) c[`visible${i}`] = await comment(fx.post.id, 'VISIBLE', `Visible ${i} ${run}`);
  fx.visibleTop = [c.visible1, c.hidden, c.visible2, c.visible3, c.visible4, c.visible5].filter((id): id is string => !!id);
});

after(async () => {
  await disconnect();
  await sql.end();
});

async function allThreads(order: 'oldest' | 'newest', limit: number) {
  const pages = [];
  let cursor = null;
  for (let i = 0; i < 20; i++) {
    const page = await queries.readThreadPage(fx.post.id, order, cursor, limit);
    pages.push(page);
    if (!page.next) break;
    cursor = page.next;
  }
  return pages;
}

test('thread pages: keyset pages in both orders give every shown thread once, in order, and end', async () => {
  const oldest = await allThreads('oldest', 2);
  assert.deepEqual(oldest.map((p) => p.threads.length), [2, 2, 2]);
  assert.deepEqual(oldest.flatMap((p) => p.threads.map((t) => t.id)), fx.visibleTop);
  assert.equal(oldest.at(-1)?.next, null);
  const newest = await allThreads('newest', 4);
  assert.deepEqual(newest.flatMap((p) => p.threads.map((t) => t.id)), [...fx.visibleTop].reverse());
  assert.deepEqual(newest.map((p) => p.threads.length), [4, 2]);
});

test('thread answers: no held, hidden or deleted text; a hidden parent of a visible reply is an empty placeholder; valid against the OpenAPI Comment', async () => {
  const page = await queries.readThreadPage(fx.post.id, 'oldest', null, 50);
  const pageUrl = url(`/post/${fx.post.slug}`);
  const body = { post: { slug: fx.post.slug, url: pageUrl }, data: page.threads.map((t) => shape.apiComment(t, pageUrl)).filter((t) => t !== null), nextCursor: null, next: null };
  const text = JSON.stringify(body);
  for (const secret of ['HELD-TEXT', 'HIDDEN-TEXT', 'DELETED-TEXT', 'HELD-REPLY-TEXT', 'DELETED-REPLY-TEXT', '@example.test']) assert.ok(!text.includes(secret), secret);
  assert.ok(!text.includes(fx.comments.held ?? '?') && !text.includes(fx.comments.heldReply ?? '?') && !text.includes(fx.comments.deletedLeaf ?? '?'));
  const hidden = body.data.find((c) => c.id === fx.comments.hidden);
  assert.deepEqual([hidden?.state, hidden?.html, hidden?.author, hidden?.replies.map((r) => r.id)], ['removed', null, null, [fx.comments.replyToHidden]]);
  const two = body.data.find((c) => c.id === fx.comments.visible2);
  assert.deepEqual(two?.replies.map((r) => [r.id, r.replies.map((d) => d.id)]), [[fx.comments.reply, [fx.comments.replyToReply]]]);
  // Addresses in comment HTML are absolute, as for a feed reader.
  assert.match(two?.html ?? '', /href="http:\/\/localhost:3000\/post\/x"/);
  assert.equal(validator.check(`/api/v1/posts/${fx.post.slug}/comments`, 200, body), null);
  // A held comment handed to the shaper by mistake is dropped all the same.
  assert.equal(shape.apiComment({ ...page.threads[0]!, state: 'HELD' }, pageUrl), null);
});

test('a post’s markdown and absolute-address HTML, only while readers can see the post', async () => {
  const author = await createAuthor(sql);
  const hiddenPosts = [
    await createPost(sql, author, { status: 'DRAFT', publishedAt: null }),
    await createPost(sql, author, { status: 'SCHEDULED', publishedAt: new Date(Date.now() + 86_400_000) }),
    await createPost(sql, author, { deletedAt: new Date() }),
  ];
  const pageUrl = (slug: string) => url(`/post/${slug}`);
  for (const p of hiddenPosts) assert.equal(await queries.readPostBody(p.slug, pageUrl(p.slug)), null, p.slug);
  const body = await queries.readPostBody(fx.post.slug, pageUrl(fx.post.slug));
  assert.match(body?.markdown ?? '', new RegExp(`\\*\\*${run}\\*\\*`));
  assert.match(body?.html ?? '', new RegExp(`<img src="${SITE}/uploads/a-${run}\\.webp" alt="cover">`));
  assert.match(body?.html ?? '', new RegExp(`<strong>${run}</strong>`));
});

test('posts, a post, terms and the site, shaped from data-layer values: valid against the document, addresses absolute', () => {
  const card = { id: 'p1', slug: 'a-post', title: 'T', excerpt: 'E', coverImage: '/uploads/c.webp', coverAlt: 'alt', publishedAt: '2025-01-01T00:00:00.000Z', readingMinutes: 2, authorName: 'Ann', authorImage: null, viewCount: 3, commentCount: 1, likeCount: 4 };
  const summary = shape.postSummary(card, url);
  assert.equal(summary.coverImage, `${SITE}/uploads/c.webp`);
  assert.equal(summary.likeCount, 4);
  const list = { data: [summary], ...shape.nextPage({ publishedAt: card.publishedAt, id: card.id }, '/api/v1/posts', { limit: '1', tag: 'x' }, url) };
  assert.equal(new URL(list.next ?? '').searchParams.get('tag'), 'x');
  assert.equal(validator.check('/api/v1/posts', 200, list), null);
  const detail = {
    ...card,
    html: '<p>The page’s own rendering, with responsive images, is not the API’s.</p>',
    coverSize: null,
    updatedAt: card.publishedAt,
    wordCount: 10,
    seoTitle: null,
    seoDescription: null,
    author: { id: 'u1', name: 'Ann', image: '/uploads/me.webp', bio: null },
    categories: [{ slug: 'c', name: 'C' }],
    tags: [],
  };
  const related = { ...card, id: 'p2', slug: 'b-post', coverImage: null };
  const post = shape.fullPost(detail, { markdown: '# md', html: '<h1>md</h1>' }, { viewCount: 1, commentCount: 2, likeCount: 3 }, [related], url);
  assert.deepEqual([post.html, post.markdown, post.likeCount, post.comments], ['<h1>md</h1>', '# md', 3, `${SITE}/api/v1/posts/a-post/comments`]);
  assert.deepEqual(post.related.map((r) => [r.url, r.api]), [[`${SITE}/post/b-post`, `${SITE}/api/v1/posts/b-post`]]);
  assert.equal(post.author.image, `${SITE}/uploads/me.webp`);
  assert.equal(validator.check('/api/v1/posts/a-post', 200, post), null);
  // Nothing but the described fields: the author's id and the SEO fields stay out.
  assert.equal(validator.check('/api/v1/posts/a-post', 200, { ...post, authorId: 'u1' })?.includes('additional'), true);
  const term = shape.apiTerm('tag', { slug: 'x', name: 'X', description: '' }, url);
  assert.equal(term.posts, `${SITE}/api/v1/posts?tag=x`);
  assert.equal(validator.check('/api/v1/tags', 200, { data: [term] }), null);
  const site = shape.apiSite({ siteName: 'S', siteDescription: '', language: 'en', postsPerPage: 9, commentsEnabled: true, commentMaxDepth: 3, commentsPerPage: 50, holdFirstComments: false, commentEditMinutes: 15, deletedAccountComments: 'keep' }, url);
  assert.equal(validator.check('/api/v1/site', 200, site), null);
  assert.equal(validator.check('/api/v1/site', 200, { ...site, commentsPerPage: 50 })?.includes('additional'), true);
});

test('the OpenAPI document: 3.1, every operation’s responses refer to component schemas that compile', () => {
  const doc = openapi.openApiDocument(SITE) as { openapi: string; paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }> } }> };
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(Object.keys(doc.paths).sort(), ['/categories', '/posts', '/posts/{slug}', '/posts/{slug}/comments', '/site', '/tags']);
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const status of ['200', '400', '429']) {
      const ref = item.get.responses[status]?.content?.['application/json']?.schema.$ref ?? '';
      assert.ok(validator.component(ref.split('/').pop() ?? ''), `${path} ${status}`);
    }
  }
});
