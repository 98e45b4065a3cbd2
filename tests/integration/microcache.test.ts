import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createMicrocache, LIST_PAGES } from '../../server/microcache.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

// The microcache in front of Next: what it may keep, and what must always reach the app.

let clock = 0;
let calls = 0;
let server: http.Server;
let base = '';
const cache = createMicrocache({ ttlMs: 1000, now: () => clock });

before(async () => {
  server = http.createServer((req, res) => {
    cache.handle(req, res, () => {
      calls += 1;
      const url = new URL(req.url ?? '/', 'http://x');
      const headers: Record<string, string> = { 'content-type': 'text/html' };
      headers['cache-control'] = url.searchParams.get('cc') ?? 's-maxage=10, stale-while-revalidate=60';
      if (url.searchParams.has('cookie')) headers['set-cookie'] = 'a=b';
      res.writeHead(Number(url.searchParams.get('status') ?? 200), headers);
      res.write('<p>');
      res.end(`call ${calls}</p>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(base + path, { headers, method });
  return { status: res.status, body: await res.text(), hit: res.headers.get('x-quire-cache') === 'HIT' };
}

test('a shared-cacheable page is served from memory until the TTL passes', async () => {
  const first = await get('/post/a');
  const second = await get('/post/a');
  assert.equal(second.body, first.body);
  assert.equal(second.hit, true);
  clock += 1001;
  const third = await get('/post/a');
  assert.equal(third.hit, false);
  assert.notEqual(third.body, first.body);
});

test('private, no-store, set-cookie and non-200 responses are never kept', async () => {
  for (const path of ['/p?cc=private,%20no-store', '/p?cookie=1', '/p?status=404', '/p?cc=max-age=60']) {
    await get(path);
    const again = await get(path);
    assert.equal(again.hit, false, path);
  }
});

test('sessions, server actions, RSC navigations and POSTs bypass the cache', async () => {
  await get('/post/b');
  assert.equal((await get('/post/b')).hit, true);
  assert.equal((await get('/post/b', { cookie: `${SESSION_COOKIE}=x` })).hit, false);
  assert.equal((await get('/post/b', { rsc: '1' })).hit, false);
  assert.equal((await get('/post/b', { 'next-action': 'abc' })).hit, false);
  assert.equal((await get('/post/b', {}, 'POST')).hit, false);
});

test('entries past their grace are dropped when a later page is stored, not kept until pushed out', async () => {
  let at = 0;
  const swept = createMicrocache({ ttlMs: 1000, graceMs: 5000, now: () => at });
  const site = http.createServer((req, res) => {
    swept.handle(req, res, () => {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 's-maxage=10' });
      res.end(`<p>${req.url}</p>`);
    });
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  try {
    for (const q of ['a', 'b', 'c']) await (await fetch(`${origin}/search-like/${q}`)).text();
    assert.equal(swept.size(), 3);
    at += 1000 + 4999;
    await (await fetch(`${origin}/search-like/d`)).text();
    assert.equal(swept.size(), 4, 'still within the grace: kept (a request may yet get it while another refreshes)');
    at += 1000; // a sweep at most once per TTL
    await (await fetch(`${origin}/search-like/e`)).text();
    assert.equal(swept.size(), 2, 'a, b and c are past their grace: gone; d is not');
    assert.equal(swept.bytes(), Buffer.byteLength('<p>/search-like/d</p>') + Buffer.byteLength('<p>/search-like/e</p>'));
  } finally {
    site.close();
  }
});

test('gzip and identity responses are kept apart, and clear() empties the cache', async () => {
  await get('/post/c', { 'accept-encoding': 'identity' });
  assert.equal((await get('/post/c', { 'accept-encoding': 'identity' })).hit, true);
  assert.equal(cache.size() > 0, true);
  cache.clear();
  assert.equal(cache.size(), 0);
  assert.equal((await get('/post/c', { 'accept-encoding': 'identity' })).hit, false);
});

test('the cache is bounded by bytes: the oldest pages go first, oversized bodies are never kept', async () => {
  const small = createMicrocache({ ttlMs: 1000, maxBytes: 3000, maxBodyBytes: 1500, now: () => clock });
  const sized = http.createServer((req, res) => {
    small.handle(req, res, () => {
      const size = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('size'));
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 's-maxage=10' });
      // Streamed in pieces, as Next streams a page.
      res.write('x'.repeat(size - 100));
      res.end('y'.repeat(100));
    });
  });
  await new Promise<void>((resolve) => sized.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(sized.address() as AddressInfo).port}`;
  const hit = async (path: string) => (await fetch(origin + path)).headers.get('x-quire-cache') === 'HIT';
  try {
    for (const page of ['a', 'b', 'c']) await hit(`/${page}?size=1000`);
    assert.equal(small.bytes(), 3000);
    await hit('/d?size=1000');
    assert.equal(small.size(), 3);
    assert.equal(small.bytes(), 3000);
    assert.equal(await hit('/a?size=1000'), false, 'the oldest page was evicted');
    assert.equal(await hit('/d?size=1000'), true);
    const bytesBefore = small.bytes();
    await hit('/big?size=2000');
    assert.equal(await hit('/big?size=2000'), false, 'a body over maxBodyBytes is not kept');
    assert.equal(small.bytes(), bytesBefore);
    small.clear();
    assert.equal(small.bytes(), 0);
  } finally {
    sized.close();
  }
});

test('an invalidation drops only the pages built from its tags, pages of unknown tags and addresses with a query', async () => {
  const { forgetPageTags, notePageTags, pageAffected } = await import('../../lib/shared-cache/page-tags.mjs');
  forgetPageTags();
  cache.clear();
  // What the incremental cache handler notes when Next stores (or reads) the pages.
  notePageTags('/route-cache/APP_PAGE/0123abcd/$/post/d', ['_N_T_/post/d', 'post:d', 'comments:1', 'counters:1', 'posts', 'settings']);
  notePageTags('/route-cache/APP_PAGE/0123abcd/$/post/e', ['_N_T_/post/e', 'post:e', 'comments:2', 'counters:2', 'posts', 'settings']);
  notePageTags('/route-cache/APP_PAGE/0123abcd/$/index', ['_N_T_/index', 'posts', 'settings']);
  for (const path of ['/post/d', '/post/e', '/', '/unknown', '/post/e?page=2']) await get(path);
  assert.equal(cache.size(), 5);

  // A comment on post 1.
  cache.clear((url) => pageAffected(url, ['comments:1', 'counters:1', 'comments']));
  const hits = async () => Object.fromEntries(await Promise.all(['/post/d', '/post/e', '/', '/unknown', '/post/e?page=2'].map(async (p) => [p, (await get(p)).hit])));
  assert.deepEqual(await hits(), { '/post/d': false, '/post/e': true, '/': true, '/unknown': false, '/post/e?page=2': false });

  // A publish touches every list and post page; a path invalidation (revalidatePath) everything.
  cache.clear((url) => pageAffected(url, ['posts']));
  assert.equal(cache.size(), 0);
  for (const path of ['/post/d', '/']) await get(path);
  cache.clear((url) => pageAffected(url, ['_N_T_/layout']));
  assert.equal(cache.size(), 0);
  forgetPageTags();
});

test('a list page Next renders per request is kept only under addressOnly, for anonymous readers, and goes at any invalidation', async () => {
  let now = 0;
  let renders = 0;
  const lists = createMicrocache({ ttlMs: 1000, addressOnly: LIST_PAGES, now: () => now });
  const site = http.createServer((req, res) => {
    lists.handle(req, res, () => {
      renders += 1;
      const url = new URL(req.url ?? '/', 'http://x');
      // What Next sends for a page that read its query string: a postponed, private render.
      const headers: Record<string, string> = { 'content-type': 'text/html', 'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate' };
      if (!url.searchParams.has('static')) headers['x-nextjs-postponed'] = '1';
      if (url.searchParams.has('cookie')) headers['set-cookie'] = 'a=b';
      res.writeHead(url.searchParams.has('missing') ? 404 : 200, headers);
      res.end(`<p>render ${renders}</p>`);
    });
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  const fetchPage = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(origin + path, { headers });
    return { body: await res.text(), cache: res.headers.get('x-quire-cache'), cc: res.headers.get('cache-control') };
  };
  try {
    for (const path of ['/blog', '/blog?cursor=abc', '/blog/categories/risk', '/blog/tags/agile/', '/search?q=risk']) {
      const first = await fetchPage(path);
      const again = await fetchPage(path);
      assert.equal(again.cache, 'HIT', path);
      assert.equal(again.body, first.body, path);
      assert.equal(again.cc, first.cc, `${path}: sent on as Next marked it (no browser or proxy keeps it)`);
    }
    // A signed-in reader's list is the anonymous reader's answer (nothing in it reads the
    // session): the entry above serves them, and one they fetch serves anonymous readers.
    const anonymous = await fetchPage('/blog/categories/risk');
    const signedIn = await fetchPage('/blog/categories/risk', { cookie: `${SESSION_COOKIE}=x` });
    assert.equal(signedIn.cache, 'HIT');
    assert.equal(signedIn.body, anonymous.body);
    const firstSignedIn = await fetchPage('/blog/tags/pmo', { cookie: `${SESSION_COOKIE}=x` });
    assert.notEqual(firstSignedIn.cache, 'HIT');
    assert.equal((await fetchPage('/blog/tags/pmo')).body, firstSignedIn.body);
    // Not a list, not postponed, not a 200, setting a cookie, or a page other than a list asked with a session: each time from Next.
    for (const [path, headers] of [
      ['/profile', {}],
      ['/searches?q=risk', {}],
      ['/post/a?x=1', {}],
      ['/blog/categories/risk/extra', {}],
      ['/blog?static=1', {}],
      ['/blog?missing=1', {}],
      ['/blog?cookie=1', {}],
      ['/post/a', { cookie: `${SESSION_COOKIE}=x` }],
      ['/profile?x=1', { cookie: `${SESSION_COOKIE}=x` }],
    ] as const) {
      await fetchPage(path, headers);
      assert.notEqual((await fetchPage(path, headers)).cache, 'HIT', path);
    }
    now += 1001;
    assert.notEqual((await fetchPage('/blog')).cache, 'HIT', 'for the TTL at most');
    assert.equal((await fetchPage('/blog')).cache, 'HIT');
    // Its list's tags are not known: any invalidation drops it, even one that says it touches nothing.
    lists.clear(() => false);
    assert.notEqual((await fetchPage('/blog')).cache, 'HIT');
  } finally {
    site.close();
  }
});
