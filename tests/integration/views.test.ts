import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type pg from 'pg';
import { recordView } from '../../lib/dal/views';
import { createBatcher } from '../../lib/views/batcher.mjs';
import { handleViewsRequest } from '../../lib/views/endpoint.mjs';
import { createViewStore } from '../../lib/views/store.mjs';
import { clientAddress, isCountableAgent } from '../../lib/views/visitor.mjs';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// The view pipeline against a real PostgreSQL: dedupe, concurrency, roll-up.

let db: pg.Pool;
let authorId: string;
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';

before(async () => {
  db = pool();
  authorId = await createAuthor(db);
});
after(() => db.end());

async function counts(postId: string) {
  const post = await db.query<{ view_count: number }>('SELECT view_count FROM posts WHERE id = $1', [postId]);
  const events = await db.query<{ n: string }>('SELECT count(*) AS n FROM post_view_events WHERE post_id = $1', [postId]);
  const days = await db.query<{ n: string | null }>('SELECT sum(views) AS n FROM post_view_days WHERE post_id = $1', [postId]);
  return { views: post.rows[0]?.view_count, events: Number(events.rows[0]?.n), days: Number(days.rows[0]?.n ?? 0) };
}

test('one view per visitor per post per day; a new day counts again', async () => {
  const post = await createPost(db, authorId);
  const day1 = new Date('2026-11-20T10:00:00Z');
  assert.equal(await recordView(post.id, '203.0.113.1', UA, day1), 'recorded');
  await recordView(post.id, '203.0.113.1', UA, day1);
  await recordView(post.id, '203.0.113.1', `${UA} other`, day1);
  assert.deepEqual(await counts(post.id), { views: 2, events: 2, days: 2 });
  await recordView(post.id, '203.0.113.1', UA, new Date('2026-11-21T10:00:00Z'));
  assert.deepEqual(await counts(post.id), { views: 3, events: 3, days: 3 });
});

test('1,000 simultaneous distinct views of one post are all counted, a burst of duplicates once', async () => {
  const post = await createPost(db, authorId);
  const distinct = Array.from({ length: 1000 }, (_, i) => recordView(post.id, `198.51.100.${i % 250}`, `${UA} v${i}`));
  const duplicates = Array.from({ length: 200 }, () => recordView(post.id, '192.0.2.7', UA));
  await Promise.all([...distinct, ...duplicates]);
  assert.deepEqual(await counts(post.id), { views: 1001, events: 1001, days: 1001 });
});

test('drafts, future posts and unknown ids are not viewable', async () => {
  const draft = await createPost(db, authorId, { status: 'DRAFT', publishedAt: null });
  const future = await createPost(db, authorId, { publishedAt: new Date(Date.now() + 86_400_000) });
  assert.equal(await recordView(draft.id, '203.0.113.9', UA), 'unknown-post');
  assert.equal(await recordView(future.id, '203.0.113.9', UA), 'unknown-post');
  assert.equal(await recordView('cnotapostidnotapostid0000', '203.0.113.9', UA), 'unknown-post');
  assert.equal((await counts(draft.id)).views, 0);
});

test('the raw address is never stored: only a 32-byte hash', async () => {
  const post = await createPost(db, authorId);
  await recordView(post.id, '203.0.113.77', UA);
  const row = await db.query<{ h: Buffer }>('SELECT visitor_hash AS h FROM post_view_events WHERE post_id = $1', [post.id]);
  assert.equal(row.rows[0]?.h.length, 32);
  assert.equal(row.rows[0]?.h.toString('latin1').includes('203.0.113.77'), false);
});

test('bots, headless browsers and empty agents are not countable', () => {
  assert.equal(isCountableAgent(UA), true);
  for (const ua of [null, '', 'Googlebot/2.1 (+http://www.google.com/bot.html)', UA.replace('Chrome/', 'HeadlessChrome/'), 'curl/8.0.1', 'python-requests/2.31']) {
    assert.equal(isCountableAgent(ua), false, String(ua));
  }
  assert.equal(clientAddress('203.0.113.5, 10.0.0.1'), '203.0.113.5');
  assert.equal(clientAddress(null), 'unknown');
});

test('the batcher groups concurrent items and reports a failed flush to each waiter', async () => {
  const batches: number[][] = [];
  const batcher = createBatcher<number>(async (items) => {
    batches.push(items);
    await new Promise((r) => setTimeout(r, 5));
  });
  await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.add(i)));
  assert.deepEqual(batches, [[0], [1, 2, 3, 4, 5, 6, 7, 8, 9]]);
  const failing = createBatcher<number>(async () => {
    throw new Error('database down');
  });
  await assert.rejects(failing.add(1), /database down/);
});

test('the node:http beacon endpoint of the production server: 204 and counted, 4xx for bad beacons, never counted', async () => {
  const post = await createPost(db, authorId);
  const store = createViewStore(db);
  const server = http.createServer((req, res) => void handleViewsRequest(store, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/views`;
  const send = (body: string, headers: Record<string, string> = {}, method = 'POST') =>
    fetch(base, { method, body, headers: { 'user-agent': UA, 'content-type': 'text/plain', ...headers } });
  try {
    const ok = await send(JSON.stringify({ postId: post.id }), { 'x-forwarded-for': '203.0.113.40' });
    assert.equal(ok.status, 204);
    assert.equal((await send(JSON.stringify({ postId: post.id }), { 'x-forwarded-for': '203.0.113.40' })).status, 204);
    const pixel = await fetch(`${base}?p=${post.id}`, { headers: { 'user-agent': UA, 'x-forwarded-for': '203.0.113.41' } });
    assert.equal(pixel.status, 200);
    assert.equal(pixel.headers.get('content-type'), 'image/gif');
    assert.equal((await send(JSON.stringify({ postId: post.id }), { 'sec-purpose': 'prefetch', 'x-forwarded-for': '203.0.113.42' })).status, 204);
    assert.equal((await send(JSON.stringify({ postId: post.id }), { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).status, 204);

    const malformed = await send('{not json');
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { error: string }).error, /JSON/);
    assert.equal((await send(JSON.stringify({ postId: post.id, extra: 1 }))).status, 400);
    assert.equal((await send(JSON.stringify({ postId: 'cnotapostidnotapostid0000' }))).status, 404);
    assert.equal((await send(JSON.stringify({ postId: post.id, pad: 'x'.repeat(600) }))).status, 413);
    assert.equal((await send('x', {}, 'PUT')).status, 405);
    assert.equal((await fetch(`${base}?p=../../etc`, { headers: { 'user-agent': UA } })).status, 400);
    assert.deepEqual(await counts(post.id), { views: 2, events: 2, days: 2 });
  } finally {
    server.close();
  }
});
