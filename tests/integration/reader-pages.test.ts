import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { encode } from 'next-auth/jwt';
import type pg from 'pg';
import { decodeSessionToken } from '../../lib/auth/session-token.mjs';
import { COUNT } from '../../lib/comments/controls.mjs';
import { createReaderStore } from '../../lib/comments/reader-store.mjs';
import { createReaderPages } from '../../server/reader-pages.mjs';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The production server's signed-in post pages (server/reader-pages.mjs) against a real
// PostgreSQL and a stand-in for Next that serves the shell over HTTP, on a test clock: when a
// shell is fetched, when an old one still serves while its successor is fetched, that an
// invalidation drops it outright, and that the page written in chunks is whole. Also the
// session cookie's decode cache (lib/auth/session-token.mjs). e2e/reader-pages.spec.ts
// serves the real shell.

const SECRET = 'reader-pages-test-secret-0123456789abcdef';
const TTL = 10_000;
const data = Buffer.from(JSON.stringify({ open: true, editWindowMs: 900000, templates: {} })).toString('base64');
const counted = (word: string) => ({ one: `1 ${word}`, other: ['', COUNT, ` ${word}s`] });
const counters = { locale: 'en', views: counted('view'), comments: counted('comment'), likes: counted('like') };
const dataWithCounters = Buffer.from(JSON.stringify({ open: true, editWindowMs: 900000, templates: {}, counters })).toString('base64');
let postId = '';
let withCounts = false;
const countsHtml = () =>
  `<p><span data-count="views:${postId}" data-testid="view-count">7 views</span> · <span data-count="comments:${postId}">2 comments</span></p>` +
  `<p class="card"><span data-count="likes:${postId}">0 likes</span> <span data-count="views:nopost">5 views</span></p>`;
const shellHtml = (mark: string) =>
  withCounts
    ? `<html><p>${mark}</p>${countsHtml()}<section data-reader-shell="${dataWithCounters}"><p>Signed in as <strong data-reader-name=""></strong></p></section></html>`
    : `<html><p>${mark}</p><section data-reader-shell="${data}"><p>Signed in as <strong data-reader-name=""></strong></p>${'<p>comment</p>'.repeat(5000)}</section></html>`;

let db: pg.Pool;
let slug: string;
let cookie: string;
let clock = 1_000_000;
let mark = 'v1';
let fetches = 0;
let release: (() => void) | null = null;
let shellGate: Promise<void> = Promise.resolve();
const next = http.createServer((req, res) => {
  fetches += 1;
  void shellGate.then(() => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shellHtml(mark)));
});
let site: http.Server;
let pages: ReturnType<typeof createReaderPages>;

before(async () => {
  db = pool();
  const author = await createAuthor(db);
  await db.query(`UPDATE users SET name = 'Ann <b>' WHERE id = $1`, [author]);
  ({ slug, id: postId } = await createPost(db, author));
  cookie = `next-auth.session-token=${await encode({ token: { sub: author, name: 'Ann' }, secret: SECRET, maxAge: 3600 })}`;
  await new Promise<void>((resolve) => next.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(next.address() as AddressInfo).port}`;
  pages = createReaderPages({ origin: () => origin, store: createReaderStore(db), secret: SECRET, ttlMs: TTL, now: () => clock });
  site = http.createServer((req, res) => void pages.handle(req, res, () => res.writeHead(404).end('next')));
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
});
after(async () => {
  site.close();
  next.close();
  await db.end();
});

async function page(headers: Record<string, string> = { cookie }) {
  const res = await fetch(`http://127.0.0.1:${(site.address() as AddressInfo).port}/post/${slug}`, { headers: { 'accept-encoding': 'identity', ...headers } });
  const body = await res.text();
  return { status: res.status, body, cache: res.headers.get('x-quire-cache'), reader: res.headers.get('x-quire-reader'), length: Number(res.headers.get('content-length')) };
}

/** Holds the stand-in's shell answers until the returned function is called. */
function holdShells() {
  shellGate = new Promise<void>((resolve) => (release = resolve));
  return () => release?.();
}

test('a reader’s page: the shell with their name in, whole, its length exact', async () => {
  const first = await page();
  assert.equal(first.cache, 'READER');
  assert.ok(first.body.includes('<strong data-reader-name="">Ann &#x3C;b></strong>'), 'the name, escaped');
  assert.equal(first.body, shellHtml('v1').replace('<strong data-reader-name=""></strong>', '<strong data-reader-name="">Ann &#x3C;b></strong>'));
  assert.equal(first.length, Buffer.byteLength(first.body));
  const zipped = await page({ cookie, 'accept-encoding': 'gzip' });
  assert.equal(zipped.body, first.body, 'compressed: the same page');
  assert.ok(zipped.length < first.length / 10);
  assert.equal(fetches, 1);
  const forged = await page({ cookie: 'next-auth.session-token=forged' });
  assert.equal(forged.body, 'next', 'a forged session goes to Next');
  assert.equal(forged.reader, 'no-layer', 'saying why');
  const anonymous = await page({});
  assert.equal(anonymous.body, 'next', 'no session: Next (the microcache)');
  assert.equal(anonymous.reader, null, 'not a signed-in page: nothing to explain');
  assert.equal(first.reader, null);
});

test('within its period the shell is reused; past it, the old one serves while the next is fetched', async () => {
  const before = fetches;
  clock += TTL / 2;
  assert.ok((await page()).body.includes('<p>v1</p>'));
  assert.equal(fetches, before, 'no fetch within the period');
  mark = 'v2';
  clock += TTL;
  const open = holdShells();
  // The new shell is held back: the reader is answered from the old one without waiting for it.
  assert.ok((await page()).body.includes('<p>v1</p>'));
  assert.equal(fetches, before + 1, 'its successor is being fetched');
  open();
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok((await page()).body.includes('<p>v2</p>'));
  assert.equal(fetches, before + 1);
});

test('a shell twice its period old is not served: the reader waits for a fresh one', async () => {
  mark = 'v3';
  clock += 2 * TTL + 1;
  const open = holdShells();
  const answer = page();
  await new Promise((resolve) => setTimeout(resolve, 50));
  open();
  assert.ok((await answer).body.includes('<p>v3</p>'));
});

test('an invalidation drops the shell outright, even within its period', async () => {
  mark = 'v4';
  pages.clear((path) => path === `/post/${slug}`);
  assert.ok((await page()).body.includes('<p>v4</p>'));
  mark = 'v5';
  pages.clear((path) => path === '/post/another');
  assert.ok((await page()).body.includes('<p>v4</p>'), 'another post’s invalidation leaves it');
});

test('the counts of the post and its cards are the database’s at each request, however old the shell', async () => {
  withCounts = true;
  pages.clear();
  await db.query('UPDATE posts SET view_count = 1234, comment_count = 1, like_count = 0 WHERE id = $1', [postId]);
  const first = await page();
  assert.ok(first.body.includes(`<span data-count="views:${postId}" data-testid="view-count">1,234 views</span>`), first.body);
  assert.ok(first.body.includes(`<span data-count="comments:${postId}">1 comment</span>`));
  assert.ok(first.body.includes(`<span data-count="likes:${postId}">0 likes</span>`));
  assert.ok(first.body.includes('<span data-count="views:nopost">5 views</span>'), 'a post the database does not have keeps the shell’s text');
  const before = fetches;
  await db.query('UPDATE posts SET view_count = 1, comment_count = 3, like_count = 2 WHERE id = $1', [postId]);
  clock += TTL / 2;
  const second = await page();
  assert.equal(fetches, before, 'the same shell');
  assert.ok(second.body.includes('>1 view</span>') && second.body.includes('>3 comments</span>') && second.body.includes('>2 likes</span>'));
  assert.equal(second.length, Buffer.byteLength(second.body));
  withCounts = false;
  pages.clear();
});

test('the session decode cache answers only for the same cookie and secret, and never keeps a refused one', async () => {
  const raw = cookie.slice('next-auth.session-token='.length);
  const session = await decodeSessionToken(raw, SECRET);
  assert.ok(session?.userId);
  assert.deepEqual(await decodeSessionToken(raw, SECRET), session);
  assert.equal(await decodeSessionToken(raw, 'another-secret-0123456789abcdef0123'), null, 'a cookie kept under one secret is not taken under another');
  const tampered = `${raw.slice(0, -4)}${raw.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  assert.equal(await decodeSessionToken(tampered, SECRET), null);
  const expired = await encode({ token: { sub: session.userId }, secret: SECRET, maxAge: -60 });
  assert.equal(await decodeSessionToken(expired, SECRET), null);
});
