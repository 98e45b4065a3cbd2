import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createClient } from 'redis';
import { createHealth } from '../../lib/health.mjs';
import { createIncrementalHandler } from '../../lib/shared-cache/incremental-handler.mjs';
import { createRedisStore, type SharedStore } from '../../lib/shared-cache/store.mjs';
import { createUseCacheHandler } from '../../lib/shared-cache/use-cache-handler.mjs';
import { startRedisServer } from '../helpers/redis-server.mjs';
import { entryText as text, sleep, useCacheEntry as entry } from './helpers/cache-entries';

// The shared cache (lib/shared-cache) against a real redis-server of this test's own, which
// it stops and starts. Two stores are two instances of the site.

type Redis = Awaited<ReturnType<typeof startRedisServer>>;
let redis: Redis;
const stores: SharedStore[] = [];
const logged: string[] = [];
const log = (line: string) => logged.push(line);

async function until(what: string, check: () => boolean | Promise<boolean>, tries = 200): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await check()) return;
    await sleep(25);
  }
  assert.fail(`never happened: ${what}`);
}

async function instance(prefix = 'test:') {
  const store = createRedisStore({ url: redis.url, prefix, log });
  stores.push(store);
  await until('store connected', () => store.isReady());
  return { store, cache: createUseCacheHandler(store, { log }), pages: createIncrementalHandler(store, { log }) };
}

before(async () => {
  redis = await startRedisServer();
});

after(async () => {
  for (const store of stores) await store.close();
  await redis.stop();
});

test("an entry set by one instance is read by another, with its tags and lifetimes", async () => {
  const a = await instance();
  const b = await instance();
  await a.cache.set('k-round-trip', Promise.resolve(entry('hello', ['post:one'])));
  const found = await b.cache.get('k-round-trip', []);
  assert.deepEqual(found && { tags: found.tags, expire: found.expire, revalidate: found.revalidate, stale: found.stale }, { tags: ['post:one'], expire: 3600, revalidate: 600, stale: 30 });
  assert.equal(await text(found), 'hello');
  assert.equal(await b.cache.get('k-never-set', []), undefined);
});

test('a tag invalidated on one instance makes its entries a miss on the other, and getExpiration says when', async () => {
  const a = await instance();
  const b = await instance();
  await a.cache.set('k-tagged', Promise.resolve(entry('old', ['comments:p1', 'counters'])));
  // b reads first, so it remembers the tag times: the invalidation must reach that memory too.
  assert.equal(await text(await b.cache.get('k-tagged', [])), 'old');
  await sleep(2);
  const before = Date.now();
  await a.cache.updateTags(['comments:p1']);
  await until('b sees the invalidation', async () => (await b.cache.get('k-tagged', [])) === undefined);
  assert.ok((await b.cache.getExpiration(['comments:p1', 'other'])) >= before);
  assert.equal(await b.cache.getExpiration(['never-invalidated']), 0);
});

test('pub/sub: every instance hears of an invalidation, the one that made it too', async () => {
  const a = await instance();
  const b = await instance();
  const heardA: string[][] = [];
  const heardB: string[][] = [];
  a.store.onInvalidate((tags) => heardA.push(tags));
  b.store.onInvalidate((tags) => heardB.push(tags));
  await a.cache.updateTags(['settings', 'posts']);
  await until('both heard', () => heardA.length > 0 && heardB.length > 0);
  assert.deepEqual(heardB, [['settings', 'posts']]);
  assert.deepEqual(heardA, [['settings', 'posts']]);
});

test('a render that started before an invalidation is not stored after it (use cache and whole pages)', async () => {
  const a = await instance();
  const b = await instance();
  const startedAt = Date.now();
  await sleep(2);
  await b.cache.updateTags(['comments:race']);
  await a.cache.set('k-race', Promise.resolve(entry('stale render', ['comments:race'], startedAt)));
  const fresh = await instance();
  assert.equal(await fresh.cache.get('k-race', []), undefined);
  const raw = createClient({ url: redis.url });
  await raw.connect();
  after(() => raw.destroy());
  assert.equal(await raw.exists('test:use-cache:k-race'), 0, 'not stored at all');

  // A page: Next reads it (a miss), renders, then stores it; an invalidation lands in between.
  const page = { kind: 'APP_PAGE', html: '<p>old</p>', rscData: Buffer.from('rsc'), headers: { 'x-next-cache-tags': 'post:race,_N_T_/post/race' }, status: 200 };
  assert.equal(await a.pages.get('/post/race', {}), null);
  await sleep(2);
  await b.pages.revalidateTag(['post:race']);
  await a.pages.set('/post/race', page, { cacheControl: { revalidate: 3600, expire: 86400 } });
  assert.equal(await fresh.pages.get('/post/race', {}), null);
  assert.equal(await raw.exists('test:page:/post/race'), 0, 'not stored at all');

  // The next render, begun after the invalidation, is stored and shared, Buffers and Maps intact.
  await sleep(2);
  assert.equal(await a.pages.get('/post/race', {}), null);
  const withSegments = { ...page, segmentData: new Map([['/_tree', Buffer.from('tree')]]) };
  await a.pages.set('/post/race', withSegments, { cacheControl: { revalidate: 3600, expire: 86400 } });
  const shared = await b.pages.get('/post/race', {});
  assert.equal(shared?.value.html, '<p>old</p>');
  assert.ok(Buffer.isBuffer(shared?.value.rscData));
  assert.equal(shared?.value.segmentData.get('/_tree').toString(), 'tree');
  assert.deepEqual(shared?.cacheControl, { revalidate: 3600, expire: 86400 });
});

test('keys and the invalidation channel live under the key prefix; another prefix is another site', async () => {
  const one = await instance('site-one:');
  const two = await instance('site-two:');
  await one.cache.set('k-prefixed', Promise.resolve(entry('one', ['posts'])));
  assert.equal(await two.cache.get('k-prefixed', []), undefined);
  assert.equal(await text(await one.cache.get('k-prefixed', [])), 'one');

  const raw = createClient({ url: redis.url });
  await raw.connect();
  try {
    assert.deepEqual(await raw.keys('site-one:*'), ['site-one:use-cache:k-prefixed']);
    assert.deepEqual(await raw.keys('site-two:*'), []);
    const heardTwo: string[][] = [];
    two.store.onInvalidate((tags) => heardTwo.push(tags));
    await one.cache.updateTags(['posts']);
    assert.match((await raw.hGet('site-one:tags', 'posts')) ?? 'missing', /^\d{13}$/);
    assert.equal(await raw.exists('site-two:tags'), 0);
    await sleep(100);
    assert.deepEqual(heardTwo, []);
  } finally {
    raw.destroy();
  }
});

test('Redis down: reads miss, writes are dropped, invalidations do not throw; Redis back: sharing resumes', { timeout: 30_000 }, async () => {
  const a = await instance();
  const b = await instance();
  await a.cache.set('k-outage', Promise.resolve(entry('before', ['posts'])));
  assert.equal(await text(await b.cache.get('k-outage', [])), 'before');

  await redis.stop();
  await until('both see Redis gone', () => !a.store.isReady() && !b.store.isReady());
  assert.equal(await b.cache.get('k-outage', []), undefined);
  assert.equal(await b.pages.get('/down', {}), null);
  await a.cache.set('k-during', Promise.resolve(entry('during', ['posts'])));
  await a.pages.set('/down', { kind: 'APP_PAGE', html: 'x', headers: {} }, {});
  await a.cache.updateTags(['posts']);
  await a.pages.revalidateTag('posts');
  assert.ok((await b.cache.getExpiration(['posts'])) > 0, 'unknown tag times count as just invalidated');
  await assert.rejects(a.store.ping());
  assert.ok(logged.some((line) => line.includes('connection lost')));

  await redis.start();
  await until('both reconnected', () => a.store.isReady() && b.store.isReady());
  // The invalidation Redis missed is recorded on reconnect.
  await until('pending invalidation recorded', async () => (await b.cache.getExpiration(['posts'])) > 0);
  await a.store.ping();
  await sleep(2);
  await a.cache.set('k-after', Promise.resolve(entry('after', ['posts'])));
  assert.equal(await text(await b.cache.get('k-after', [])), 'after');
  const heard: string[][] = [];
  b.store.onInvalidate((tags) => heard.push(tags));
  await a.cache.updateTags(['settings']);
  await until('pub/sub works again', () => heard.length > 0);
  assert.equal(await b.cache.get('k-during', []), undefined);
});

test('health: Redis down is "degraded" with 200 (the site works uncached), the database down is 503', { timeout: 30_000 }, async () => {
  const { store } = await instance();
  let database = true;
  const health = createHealth({
    checks: { database: async () => assert.ok(database, 'database down') },
    degradable: { redis: () => store.ping() },
    stopping: () => false,
    log: () => {},
  });
  assert.deepEqual(await health.report(), { status: 200, body: { status: 'ok', checks: { database: 'ok', redis: 'ok' } } });
  await redis.stop();
  await until('Redis gone', () => !store.isReady());
  assert.deepEqual(await health.report(), { status: 200, body: { status: 'degraded', checks: { database: 'ok', redis: 'failing' } } });
  database = false;
  assert.deepEqual(await health.report(), { status: 503, body: { status: 'failing', checks: { database: 'failing', redis: 'failing' } } });
  await redis.start();
  await until('Redis back', () => store.isReady());
});
