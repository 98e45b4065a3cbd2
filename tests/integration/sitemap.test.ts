import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { IndexItem, SitemapItem } from 'sitemap';
import type { SitemapSource } from '../../lib/sitemap/types';
import { childItems, parseSitemapFile, sitemapIndexXml, urlsetXml } from '../../lib/sitemap/write';
import { parseSitemapIndex, parseUrlset } from '../helpers/sitemap-xml';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The sitemap index and its children, written from the real queries (lib/dal/sitemap-queries.ts)
// on a real PostgreSQL with a page size of 3 and chunks of 2 rows, then parsed back with the
// sitemap package's strict parser. The database is shared with the other test files, so the
// expected set is every post readers can see, checked against this file's own fixtures.

const PAGE_SIZE = 3;
const CHUNK = 2;
const BASE = 'https://blog.example.test';
const url = (path: string) => new URL(path, BASE).toString();

let sql: pg.Pool;
let source: SitemapSource;
/** The largest `limit` any read asked for, and the most rows any read returned. */
const reads = { maxLimit: 0, maxRows: 0 };
const run = randomUUID().slice(0, 8);
const fixture = {
  published: [] as string[],
  hidden: [] as string[],
  coverSlug: '',
  categorySlug: `sm-cat-${run}`,
  tagSlug: `sm-tag-${run}`,
  termNewest: new Date('2025-06-02T08:30:00.456Z'),
};

before(async () => {
  const queries = await import('../../lib/dal/sitemap-queries');
  const track = <R>(limit: number, rows: R[]) => {
    reads.maxLimit = Math.max(reads.maxLimit, limit);
    reads.maxRows = Math.max(reads.maxRows, rows.length);
    return rows;
  };
  source = {
    index: queries.readSitemapIndex,
    posts: async (from, inclusive, limit) => track(limit, await queries.readSitemapPosts(from, inclusive, limit)),
    terms: async (kind, from, inclusive, limit) => track(limit, await queries.readSitemapTerms(kind, from, inclusive, limit)),
  };
  sql = pool();
  const author = await createAuthor(sql);
  const day = (n: number) => new Date(Date.UTC(2021, 0, n, 9, 0, 0, 0));
  const published = [];
  for (let n = 1; n <= 7; n += 1) {
    published.push(await createPost(sql, author, { publishedAt: day(n), updatedAt: new Date(Date.UTC(2025, 5, 1, 10, n, 0, 100 + n)), coverImage: n === 2 ? `/uploads/sm-${run}.webp` : undefined }));
  }
  // A slug that needs escaping in XML (the admin never makes one; the writer must cope anyway).
  published.push(await createPost(sql, author, { slug: `sm-${run}-a&b`, publishedAt: day(8) }));
  // Scheduled, and its time has come: readers see it.
  published.push(await createPost(sql, author, { status: 'SCHEDULED', publishedAt: new Date(Date.now() - 3_600_000) }));
  fixture.published = published.map((p) => p.slug);
  fixture.coverSlug = published[1]?.slug ?? '';
  const draft = await createPost(sql, author, { status: 'DRAFT', publishedAt: null, updatedAt: new Date('2025-07-01T00:00:00Z') });
  const trashed = await createPost(sql, author, { publishedAt: day(9), deletedAt: new Date(), updatedAt: new Date('2025-07-01T00:00:00Z') });
  const future = await createPost(sql, author, { status: 'SCHEDULED', publishedAt: new Date(Date.now() + 86_400_000), updatedAt: new Date('2025-07-01T00:00:00Z') });
  fixture.hidden = [draft.slug, trashed.slug, future.slug];

  // A category and a tag on two published posts (the newer update is their lastmod) and on
  // the hidden ones, whose later updates must not count.
  const categoryId = `c${run}`;
  const tagId = `t${run}`;
  await sql.query(`INSERT INTO categories (id, slug, name) VALUES ($1, $2, 'Sitemap test')`, [categoryId, fixture.categorySlug]);
  await sql.query(`INSERT INTO tags (id, slug, name) VALUES ($1, $2, 'Sitemap test')`, [tagId, fixture.tagSlug]);
  const [first, second] = published;
  await sql.query(`UPDATE posts SET updated_at = $2 WHERE id = $1`, [second?.id, fixture.termNewest]);
  for (const post of [first, second, draft, trashed, future]) {
    await sql.query(`INSERT INTO post_categories (post_id, category_id) VALUES ($1, $2)`, [post?.id, categoryId]);
    await sql.query(`INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)`, [post?.id, tagId]);
  }
});

after(async () => {
  await sql.end();
});

type Walked = { index: IndexItem[]; children: Map<string, SitemapItem[]> };

/** Reads the index, then every child it lists, as a crawler would. */
async function walk(): Promise<Walked> {
  const data = await source.index(PAGE_SIZE);
  const index = await parseSitemapIndex(sitemapIndexXml(data, url));
  const children = new Map<string, SitemapItem[]>();
  for (const entry of index) {
    const file = parseSitemapFile(new URL(entry.url).pathname.replace('/sitemaps/', ''));
    assert.ok(file, `an index entry names a child: ${entry.url}`);
    const items = childItems(source, data, file, { pageSize: PAGE_SIZE, chunkSize: CHUNK, url });
    assert.ok(items, `the child exists: ${entry.url}`);
    children.set(entry.url, await parseUrlset(urlsetXml(items)));
  }
  return { index, children };
}

/** What readers can see, straight from the table. */
async function visiblePosts(): Promise<{ slug: string; updated: string; cover: string | null }[]> {
  const { rows } = await sql.query<{ slug: string; updated: Date; cover: string | null }>(
    `SELECT slug, updated_at AS updated, cover_image AS cover FROM posts
      WHERE status IN ('PUBLISHED', 'SCHEDULED') AND published_at <= now() AND deleted_at IS NULL`,
  );
  return rows.map((r) => ({ slug: r.slug, updated: r.updated.toISOString(), cover: r.cover }));
}

const kindOf = (loc: string) => /\/sitemaps\/([a-z]+)/.exec(loc)?.[1] ?? '';
const newest = (items: SitemapItem[]) => items.map((i) => i.lastmod ?? '').sort().at(-1);

test('the index lists one child per 3 posts, categories or tags, and each child holds at most 3 URLs', async () => {
  const { index, children } = await walk();
  const posts = await visiblePosts();
  const postChildren = index.filter((e) => kindOf(e.url) === 'posts');
  assert.equal(postChildren.length, Math.ceil(posts.length / PAGE_SIZE), `${posts.length} posts in children of ${PAGE_SIZE}`);
  assert.deepEqual(postChildren.map((e) => new URL(e.url).pathname), postChildren.map((_, i) => `/sitemaps/posts-${i + 1}.xml`));
  assert.ok(index.some((e) => kindOf(e.url) === 'categories') && index.some((e) => kindOf(e.url) === 'tags'));
  assert.equal(index.filter((e) => kindOf(e.url) === 'pages').length, 1);
  for (const [loc, items] of children) {
    assert.ok(items.length >= 1 && items.length <= PAGE_SIZE, `${loc} has ${items.length} URLs`);
    // Full children, except the last of each kind.
    const sameKind = index.filter((e) => kindOf(e.url) === kindOf(loc));
    if (kindOf(loc) !== 'pages' && loc !== sameKind.at(-1)?.url) assert.equal(items.length, PAGE_SIZE, loc);
  }
  assert.ok(reads.maxLimit <= CHUNK && reads.maxRows <= CHUNK, `every read is one chunk (asked ${reads.maxLimit}, got ${reads.maxRows})`);
});

test('every published post is listed exactly once with its exact lastmod; drafts, trashed and future posts are not', async () => {
  const { children } = await walk();
  const listed = [...children.entries()].filter(([loc]) => kindOf(loc) === 'posts').flatMap(([, items]) => items);
  const posts = await visiblePosts();
  const expected = posts.map((p) => ({ url: url(`/post/${p.slug}`), lastmod: p.updated })).sort((a, b) => a.url.localeCompare(b.url));
  const got = listed.map((i) => ({ url: i.url, lastmod: i.lastmod })).sort((a, b) => a.url.localeCompare(b.url));
  assert.deepEqual(got, expected);
  const urls = new Set(listed.map((i) => i.url));
  for (const slug of fixture.published) assert.ok(urls.has(url(`/post/${slug}`)), `published ${slug} is listed`);
  for (const slug of fixture.hidden) assert.ok(!urls.has(url(`/post/${slug}`)), `hidden ${slug} is not listed`);
  assert.ok(urls.has(`${BASE}/post/sm-${run}-a&b`), 'the slug with & survives escaping and parsing');
});

test('a cover image is an image entry with an absolute URL; posts without one have none', async () => {
  const { children } = await walk();
  const listed = [...children.values()].flat();
  const withCover = listed.find((i) => i.url === url(`/post/${fixture.coverSlug}`));
  assert.deepEqual(withCover?.img.map((i) => i.url), [`${BASE}/uploads/sm-${run}.webp`]);
  const without = listed.find((i) => i.url === url(`/post/${fixture.published[0]}`));
  assert.deepEqual(without?.img, []);
});

test('a category or tag has its newest published post\'s update as lastmod; the index entry has its child\'s newest', async () => {
  const { index, children } = await walk();
  const listed = [...children.values()].flat();
  for (const path of [`/blog/categories/${fixture.categorySlug}`, `/blog/tags/${fixture.tagSlug}`]) {
    assert.equal(listed.find((i) => i.url === url(path))?.lastmod, fixture.termNewest.toISOString(), path);
  }
  for (const entry of index) assert.equal(entry.lastmod, newest(children.get(entry.url) ?? []), entry.url);
  const pages = children.get(url('/sitemaps/pages.xml')) ?? [];
  const newestPost = (await visiblePosts()).map((p) => p.updated).sort().at(-1);
  assert.deepEqual(pages.map((p) => [p.url, p.lastmod]), [[url('/'), newestPost], [url('/blog'), newestPost]]);
});

test('unknown names and children past the index are refused', async () => {
  for (const name of ['posts-0.xml', 'posts-1', 'posts-01.xml', 'users-1.xml', '../pages.xml', 'pages.xml.gz']) {
    assert.equal(parseSitemapFile(name), null, name);
  }
  assert.deepEqual(parseSitemapFile('tags-12.xml'), { kind: 'tags', page: 12 });
  const data = await source.index(PAGE_SIZE);
  assert.equal(childItems(source, data, { kind: 'posts', page: data.posts.length + 1 }, { pageSize: PAGE_SIZE, url }), null);
});
