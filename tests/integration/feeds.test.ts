import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { FeedSite } from '../../lib/feeds/documents';
import type { FeedFormat, FeedScope, PostScope } from '../../lib/feeds/types';
import { parseJsonFeed, parseXmlFeed } from '../helpers/feed-xml';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The feeds written from the real queries (lib/dal/feed-queries.ts) on a real PostgreSQL,
// then read back with a strict XML parser and a feed-reader library: full content with
// absolute addresses, hostile titles, only what readers may see, 304s.

const BASE = 'https://blog.example.test';
const url = (path: string) => new URL(path, BASE).toString();
const SITE: FeedSite = { siteName: 'Feed <test> & co', siteDescription: 'About ]]> things', language: 'en' };
const run = randomUUID().slice(0, 8);
const HOSTILE_TITLE = `Escapes ]]> twice ]]> and <b>bold</b> & "quotes" ${run}`;
const BODY = [
  'First paragraph with a [relative link](/post/other-post) and an [anchor](#part).',
  '',
  '![An upload](/uploads/body-x.webp)',
  '',
  '![Resized](/_next/image?url=%2Fuploads%2Fbody-y.webp&w=640&q=75)',
  '',
  '<script>alert(1)</script><p onclick="alert(2)">Raw HTML]]> paragraph</p>',
  '',
  'The sentence that proves the whole body is here.',
].join('\n');

let sql: pg.Pool;
let queries: typeof import('../../lib/dal/feed-queries');
let documents: typeof import('../../lib/feeds/documents');
let write: typeof import('../../lib/feeds/write');
let http: typeof import('../../lib/feeds/http');
const fx = { authorId: '', loneAuthorId: '', hostile: { id: '', slug: '' }, plain: { id: '', slug: '' }, hidden: [] as string[], category: `fd-cat-${run}`, tag: `fd-tag-${run}`, comments: {} as Record<string, string> };

async function insertComment(postId: string, authorId: string, status: string, html: string, minutesAgo: number): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, now() - make_interval(mins => $7))`, [id, postId, authorId, html, html, status, minutesAgo]);
  return id;
}

before(async () => {
  queries = await import('../../lib/dal/feed-queries');
  documents = await import('../../lib/feeds/documents');
  write = await import('../../lib/feeds/write');
  http = await import('../../lib/feeds/http');
  sql = pool();
  fx.authorId = await createAuthor(sql);
  fx.loneAuthorId = await createAuthor(sql);
  // Among the newest posts of the database (the site feed reads 100 here), whatever other files wrote.
  const soon = (minutes: number) => new Date(Date.now() - minutes * 60_000);
  fx.hostile = await createPost(sql, fx.authorId, { title: HOSTILE_TITLE, body: BODY, publishedAt: soon(2), coverImage: `/uploads/cover-${run}.webp` });
  fx.plain = await createPost(sql, fx.authorId, { title: `Plain ${run}`, publishedAt: soon(3), updatedAt: soon(3) });
  const draft = await createPost(sql, fx.authorId, { status: 'DRAFT', publishedAt: null, title: `Draft ${run}` });
  const trashed = await createPost(sql, fx.authorId, { publishedAt: soon(1), deletedAt: new Date(), title: `Trashed ${run}` });
  const future = await createPost(sql, fx.authorId, { status: 'SCHEDULED', publishedAt: new Date(Date.now() + 86_400_000), title: `Future ${run}` });
  const lonely = await createPost(sql, fx.loneAuthorId, { status: 'DRAFT', publishedAt: null });
  fx.hidden = [draft.slug, trashed.slug, future.slug, lonely.slug];
  await sql.query(`INSERT INTO categories (id, slug, name) VALUES ($1, $2, $3)`, [`c${run}`, fx.category, 'Cat <one> & "two"']);
  await sql.query(`INSERT INTO tags (id, slug, name) VALUES ($1, $2, 'Feed tag')`, [`t${run}`, fx.tag]);
  for (const post of [fx.hostile, draft, trashed]) await sql.query(`INSERT INTO post_categories (post_id, category_id) VALUES ($1, $2)`, [post.id, `c${run}`]);
  await sql.query(`INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)`, [fx.plain.id, `t${run}`]);

  const reader = await createAuthor(sql);
  fx.comments = {
    visible: await insertComment(fx.hostile.id, reader, 'VISIBLE', `<p>Visible ${run} with a <a href="/post/x">relative link</a> ]]> end</p>`, 1),
    held: await insertComment(fx.hostile.id, reader, 'HELD', `<p>Held ${run}</p>`, 2),
    hidden: await insertComment(fx.hostile.id, reader, 'HIDDEN', `<p>Hidden ${run}</p>`, 3),
    deleted: await insertComment(fx.hostile.id, reader, 'DELETED', `<p>Deleted ${run}</p>`, 4),
    onDraft: await insertComment(draft.id, reader, 'VISIBLE', `<p>On a draft ${run}</p>`, 0),
  };
});

after(async () => {
  await sql.end();
});

async function postsFeed(scope: PostScope, format: FeedFormat, limit = 100) {
  const owner = await queries.readFeedOwner(scope);
  assert.ok(owner, `${scope.kind} exists`);
  return write.renderFeed(await documents.postsDocument(scope, owner, await queries.readFeedPosts(scope, limit), SITE, url), format);
}

async function commentsFeed(scope: Extract<FeedScope, { kind: 'site-comments' | 'post-comments' }>, format: FeedFormat) {
  const post = scope.kind === 'post-comments' ? await queries.readFeedPost(scope.slug) : null;
  return write.renderFeed(documents.commentsDocument(scope, post, await queries.readFeedComments(post?.id ?? null, 100), SITE, url), format);
}

test('RSS: well-formed, full content with absolute links and images, the hostile title intact', async () => {
  const feed = parseXmlFeed((await postsFeed({ kind: 'site' }, 'rss')).body);
  assert.equal(feed.title, SITE.siteName);
  const item = feed.items.find((i) => i.url === url(`/post/${fx.hostile.slug}`));
  assert.ok(item, 'the post is in the feed');
  assert.equal(item.title, HOSTILE_TITLE);
  const html = item.content ?? '';
  assert.match(html, /The sentence that proves the whole body is here\./);
  assert.ok(html.includes(`href="${BASE}/post/other-post"`), html);
  assert.ok(html.includes(`href="${BASE}/post/${fx.hostile.slug}#part"`), 'a fragment resolves against the post');
  assert.ok(html.includes(`src="${BASE}/uploads/body-x.webp"`), 'an upload is absolute');
  assert.ok(html.includes(`src="${BASE}/uploads/body-y.webp"`), 'a /_next/image address becomes the plain upload');
  assert.ok(html.includes(`src="${BASE}/uploads/cover-${run}.webp"`), 'the cover comes first');
  assert.ok(!/<script|onclick|_next\/image/i.test(html), 'sanitized, no optimizer address');
  assert.ok(html.includes('Raw HTML]]> paragraph'), 'a "]]>" in the body survives');
  assert.equal(item.published?.getTime(), Math.floor((await publishedAt(fx.hostile.id)) / 1000) * 1000);
});

test('Atom and JSON Feed 1.1 carry the same entry; the Atom category with "<" in its name stays well-formed', async () => {
  const atom = parseXmlFeed((await postsFeed({ kind: 'site' }, 'atom')).body);
  const entry = atom.items.find((i) => i.url === url(`/post/${fx.hostile.slug}`));
  assert.equal(entry?.title, HOSTILE_TITLE);
  assert.match(entry?.content ?? '', /The sentence that proves/);
  assert.deepEqual(entry?.authors.map((a) => a.name), ['Test Author']);

  const json = parseJsonFeed((await postsFeed({ kind: 'site' }, 'json')).body);
  assert.equal(json.version, 'https://jsonfeed.org/version/1.1');
  assert.equal(json.language, 'en');
  assert.equal(json.feed_url, url('/feed.json'));
  const item = json.items.find((i) => i.url === url(`/post/${fx.hostile.slug}`));
  assert.equal(item?.title, HOSTILE_TITLE);
  assert.ok(item?.content_html.includes(`src="${BASE}/uploads/body-x.webp"`));
  assert.equal(item?.image, `${BASE}/uploads/cover-${run}.webp`);
  assert.deepEqual(item?.authors, [{ name: 'Test Author' }]);
  assert.ok(item?.tags?.includes('Cat <one> & "two"'));
});

test('drafts, trashed and future posts are in no feed; the limit bounds the entries', async () => {
  for (const format of ['rss', 'atom'] as const) {
    const feed = parseXmlFeed((await postsFeed({ kind: 'site' }, format)).body);
    const urls = feed.items.map((i) => i.url);
    for (const slug of fx.hidden) assert.ok(!urls.includes(url(`/post/${slug}`)), `${format}: ${slug} is hidden`);
  }
  // The author's posts: newest first, as many as asked for (the site's are shared with other files).
  const one = parseXmlFeed((await postsFeed({ kind: 'author', id: fx.authorId }, 'rss', 1)).body);
  assert.deepEqual(one.items.map((i) => i.url), [url(`/post/${fx.hostile.slug}`)]);
});

test('category, tag and author feeds hold only their posts; unknown ones have no feed', async () => {
  const category = parseXmlFeed((await postsFeed({ kind: 'category', slug: fx.category }, 'rss')).body);
  assert.equal(category.title, `${SITE.siteName} · Cat <one> & "two"`);
  assert.deepEqual(category.items.map((i) => i.url), [url(`/post/${fx.hostile.slug}`)]);
  assert.equal(category.self, url(`/blog/categories/${fx.category}/rss.xml`));
  const tag = parseXmlFeed((await postsFeed({ kind: 'tag', slug: fx.tag }, 'atom')).body);
  assert.deepEqual(tag.items.map((i) => i.url), [url(`/post/${fx.plain.slug}`)]);
  const author = parseJsonFeed((await postsFeed({ kind: 'author', id: fx.authorId }, 'json')).body);
  assert.deepEqual(author.items.map((i) => i.url), [url(`/post/${fx.hostile.slug}`), url(`/post/${fx.plain.slug}`)]);
  assert.equal(author.title, `${SITE.siteName} · Posts by Test Author`);

  assert.equal(await queries.readFeedOwner({ kind: 'category', slug: `nope-${run}` }), null);
  assert.equal(await queries.readFeedOwner({ kind: 'tag', slug: `nope-${run}` }), null);
  assert.equal(await queries.readFeedOwner({ kind: 'author', id: `nope-${run}` }), null);
  assert.equal(await queries.readFeedOwner({ kind: 'author', id: fx.loneAuthorId }), null, 'a user without a published post has no feed');
  assert.equal(await queries.readFeedPost(fx.hidden[0] ?? ''), null, 'a draft has no comment feed');
});

test('comment feeds: visible comments only, never held, hidden, deleted or on an unpublished post', async () => {
  const post = parseXmlFeed((await commentsFeed({ kind: 'post-comments', slug: fx.hostile.slug }, 'rss')).body);
  assert.deepEqual(post.items.map((i) => i.url), [url(`/post/${fx.hostile.slug}#comment-${fx.comments.visible}`)]);
  assert.equal(post.items[0]?.title, `Test Author on “${HOSTILE_TITLE}”`);
  assert.ok(post.items[0]?.content?.includes(`href="${BASE}/post/x"`), 'links in comments are absolute');
  assert.ok(post.items[0]?.content?.includes(']]> end'));

  // Site-wide (other files' comments too): every entry is a visible comment on a published post.
  for (const format of ['atom', 'json'] as const) {
    const body = (await commentsFeed({ kind: 'site-comments' }, format)).body;
    const urls = format === 'atom' ? parseXmlFeed(body).items.map((i) => i.url ?? '') : parseJsonFeed(body).items.map((i) => i.url);
    assert.ok(urls.length > 0, `${format}: comments are listed`);
    const ids = urls.map((u) => decodeURIComponent(new URL(u).hash.replace('#comment-', '')));
    const { rows } = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM comments c JOIN posts p ON p.id = c.post_id
        WHERE c.id = ANY($1) AND c.status = 'VISIBLE' AND p.status IN ('PUBLISHED', 'SCHEDULED') AND p.published_at <= now() AND p.deleted_at IS NULL`,
      [ids],
    );
    assert.equal(rows[0]?.n, ids.length, `${format}: every entry is visible, on a published post`);
    for (const word of ['Held', 'Hidden', 'Deleted', 'On a draft']) assert.ok(!body.includes(`${word} ${run}`), `${format}: no ${word} comment`);
  }
});

test('ETag and Last-Modified: 304 for a current copy, 200 once the feed changes', async () => {
  const first = await postsFeed({ kind: 'tag', slug: fx.tag }, 'rss');
  const again = await postsFeed({ kind: 'tag', slug: fx.tag }, 'rss');
  assert.equal(again.etag, first.etag, 'the same content gives the same ETag (any instance)');
  assert.ok(first.lastModified);
  const status = (headers: Record<string, string>) => http.feedResponse(new Request(`${BASE}/x`, { headers }), first, 'rss').status;
  assert.equal(status({}), 200);
  assert.equal(status({ 'If-None-Match': first.etag }), 304);
  assert.equal(status({ 'If-None-Match': `"other", W/${first.etag}` }), 304, 'weak comparison, lists');
  assert.equal(status({ 'If-None-Match': '"other"' }), 200);
  assert.equal(status({ 'If-Modified-Since': first.lastModified }), 304);
  assert.equal(status({ 'If-Modified-Since': new Date(Date.parse(first.lastModified) - 1000).toUTCString() }), 200);
  assert.equal(status({ 'If-None-Match': '"other"', 'If-Modified-Since': first.lastModified }), 200, 'If-None-Match wins');
  assert.equal(status({ 'If-Modified-Since': 'not a date' }), 200);
  const notModified = http.feedResponse(new Request(`${BASE}/x`, { headers: { 'If-None-Match': first.etag } }), first, 'rss');
  assert.equal(notModified.headers.get('etag'), first.etag);
  assert.equal(await notModified.text(), '');

  // A new post in the tag: another ETag and a later Last-Modified.
  const newer = await createPost(sql, fx.authorId, { title: `Newer ${run}`, publishedAt: new Date(Date.now() - 1000) });
  await sql.query(`INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)`, [newer.id, `t${run}`]);
  const changed = await postsFeed({ kind: 'tag', slug: fx.tag }, 'rss');
  assert.notEqual(changed.etag, first.etag);
  assert.ok(Date.parse(changed.lastModified ?? '') > Date.parse(first.lastModified));
  assert.equal(http.feedResponse(new Request(`${BASE}/x`, { headers: { 'If-None-Match': first.etag } }), changed, 'rss').status, 200);
});

async function publishedAt(id: string): Promise<number> {
  const { rows } = await sql.query<{ at: Date }>('SELECT published_at AS at FROM posts WHERE id = $1', [id]);
  return rows[0]?.at.getTime() ?? 0;
}
