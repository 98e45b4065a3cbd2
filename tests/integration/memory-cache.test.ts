import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { createIncrementalHandler } from '../../lib/shared-cache/incremental-handler.mjs';
import { createMemoryStore } from '../../lib/shared-cache/memory-store.mjs';
import { createUseCacheHandler } from '../../lib/shared-cache/use-cache-handler.mjs';
import { entryText, sleep, useCacheEntry } from './helpers/cache-entries';

// The cache store used when REDIS_URL is unset (lib/shared-cache/memory-store.mjs), under
// the same handlers as Redis: Next's 'use cache' entries and whole pages in this process.

function instance(options: Parameters<typeof createMemoryStore>[0] = {}) {
  const logged: string[] = [];
  const log = (line: string) => logged.push(line);
  const store = createMemoryStore(options);
  return { store, logged, cache: createUseCacheHandler(store, { log }), pages: createIncrementalHandler(store, { log }) };
}

function page(html: string, tags: string[]) {
  return { kind: 'APP_PAGE', html, rscData: Buffer.from(`rsc ${html}`), headers: { 'x-next-cache-tags': tags.join(',') }, status: 200 };
}

const LIFE = { cacheControl: { revalidate: 3600, expire: 86400 } };

test('an entry and a page are stored and read back, with their lifetimes; an unknown key misses', async () => {
  const { cache, pages, logged } = instance();
  await cache.set('k-round-trip', Promise.resolve(useCacheEntry('hello', ['post:one'])));
  const found = await cache.get('k-round-trip', []);
  assert.deepEqual(found && { tags: found.tags, expire: found.expire, revalidate: found.revalidate, stale: found.stale }, { tags: ['post:one'], expire: 3600, revalidate: 600, stale: 30 });
  assert.equal(await entryText(found), 'hello');
  assert.equal(await cache.get('k-never-set', []), undefined);

  assert.equal(await pages.get('/post/one', {}), null);
  await pages.set('/post/one', { ...page('<p>one</p>', ['post:one']), segmentData: new Map([['/_tree', Buffer.from('tree')]]) }, LIFE);
  const stored = await pages.get('/post/one', {});
  assert.equal(stored?.value.html, '<p>one</p>');
  assert.ok(Buffer.isBuffer(stored?.value.rscData));
  assert.equal(stored?.value.segmentData.get('/_tree').toString(), 'tree');
  assert.deepEqual(stored?.cacheControl, LIFE.cacheControl);
  assert.deepEqual(logged, []);
});

test('an invalidated tag makes its entries and pages a miss, getExpiration says when, and listeners hear it', async () => {
  const { store, cache, pages } = instance();
  const heard: string[][] = [];
  store.onInvalidate((tags) => heard.push(tags));
  await cache.set('k-tagged', Promise.resolve(useCacheEntry('old', ['comments:p1', 'counters'])));
  await cache.set('k-other', Promise.resolve(useCacheEntry('other', ['posts'])));
  await pages.get('/post/p1', {});
  await pages.set('/post/p1', page('<p>old</p>', ['comments:p1', '_N_T_/post/p1']), LIFE);
  assert.equal(await entryText(await cache.get('k-tagged', [])), 'old');
  await sleep(2);
  const before = Date.now();
  await cache.updateTags(['comments:p1']);
  assert.equal(await cache.get('k-tagged', []), undefined);
  assert.equal(await pages.get('/post/p1', {}), null);
  assert.equal(await entryText(await cache.get('k-other', [])), 'other', 'an entry without the tag stays');
  assert.ok((await cache.getExpiration(['comments:p1', 'other'])) >= before);
  assert.equal(await cache.getExpiration(['never-invalidated']), 0);
  assert.deepEqual(heard, [['comments:p1']]);
});

test('soft tags (a path revalidated) make a page a miss though the page does not list them', async () => {
  const { cache, pages } = instance();
  await pages.get('/post/soft', {});
  await pages.set('/post/soft', page('<p>soft</p>', ['post:soft']), LIFE);
  const ctx = { softTags: ['_N_T_/layout', '_N_T_/post/soft'] };
  assert.equal((await pages.get('/post/soft', ctx))?.value.html, '<p>soft</p>');
  await sleep(2);
  await pages.revalidateTag('_N_T_/layout');
  assert.equal(await pages.get('/post/soft', ctx), null);
  // 'use cache' asks for a route's implicit tags through getExpiration.
  assert.ok((await cache.getExpiration(['_N_T_/layout'])) > 0);
});

test('a render begun before an invalidation is not stored after it: the author’s next page is not stale', async () => {
  const { store, cache, pages } = instance();
  const startedAt = Date.now();
  await sleep(2);
  await cache.updateTags(['comments:race']);
  await cache.set('k-race', Promise.resolve(useCacheEntry('stale render', ['comments:race'], startedAt)));
  assert.equal(await cache.get('k-race', []), undefined);
  assert.equal(await store.getEntry('use-cache:k-race'), null, 'not stored at all');

  // A page: Next reads it (a miss), renders, then stores it; an invalidation lands in between.
  assert.equal(await pages.get('/post/race', {}), null);
  await sleep(2);
  await pages.revalidateTag(['comments:race']);
  await pages.set('/post/race', page('<p>stale</p>', ['comments:race']), LIFE);
  assert.equal(await store.getEntry('page:/post/race'), null, 'not stored at all');
  // The next render, begun after the invalidation, is kept.
  await sleep(2);
  assert.equal(await pages.get('/post/race', {}), null);
  await pages.set('/post/race', page('<p>fresh</p>', ['comments:race']), LIFE);
  assert.equal((await pages.get('/post/race', {}))?.value.html, '<p>fresh</p>');
});

test('the store is bounded by bytes: the least recently used entries go first, one larger than the store is not kept', async () => {
  const { store } = instance({ maxBytes: 1000 });
  const kb = (fill: number) => Buffer.alloc(300, fill);
  await store.setEntry('a', kb(1), 60);
  await store.setEntry('b', kb(2), 60);
  await store.setEntry('c', kb(3), 60);
  assert.ok(await store.getEntry('a'), 'a is now the most recently used');
  await store.setEntry('d', kb(4), 60);
  assert.equal(await store.getEntry('b'), null, 'b was the least recently used');
  assert.deepEqual([await store.getEntry('a'), await store.getEntry('c'), await store.getEntry('d')].map((value) => value?.[0]), [1, 3, 4]);
  assert.ok(store.stats().bytes <= 1000, `${store.stats().bytes} bytes kept`);
  await store.setEntry('huge', Buffer.alloc(2000), 60);
  assert.equal(await store.getEntry('huge'), null);
  assert.equal(store.stats().entries, 3);
});

test('entries expire after their lifetime', async () => {
  const { store } = instance();
  await store.setEntry('short', Buffer.from('x'), 0.2);
  await store.setEntry('long', Buffer.from('y'), 3600);
  await sleep(300);
  assert.equal(await store.getEntry('short'), null);
  assert.equal((await store.getEntry('long'))?.toString(), 'y');
});

test('the tag times are capped: a forgotten tag counts as invalidated when the newest forgotten one was', async () => {
  let clock = 1_000;
  const { store } = instance({ maxTags: 3, now: () => clock });
  for (const tag of ['t1', 't2', 't3', 't4', 't5']) {
    clock += 10;
    await store.invalidate([tag]);
  }
  assert.equal(store.stats().tags, 3);
  // t1 (1010) and t2 (1020) were dropped: any tag not remembered may have been invalidated up to 1020.
  assert.equal(await store.latestInvalidation(['t1']), 1020);
  assert.equal(await store.latestInvalidation(['never-seen']), 1020);
  assert.equal(await store.latestInvalidation(['t5']), 1050);
  assert.equal(await store.latestInvalidation([]), 0);
  // Invalidated again, a tag moves to the end: t3 is kept and t4 is the next to go.
  clock += 10;
  await store.invalidate(['t3']);
  clock += 10;
  await store.invalidate(['t6']);
  assert.equal(await store.latestInvalidation(['t3']), 1060);
  assert.equal(await store.latestInvalidation(['t4']), 1040, 'forgotten, so the newest forgotten time');
});

test('the runtime picks the memory store without REDIS_URL, Redis with it, and no store while building', async () => {
  const script = `
    const { cacheStore, sharedStore } = await import('./lib/shared-cache/runtime.mjs');
    const cache = cacheStore();
    console.log(JSON.stringify({ cache: cache === null ? null : typeof cache.stats === 'function' ? 'memory' : 'redis', shared: sharedStore() !== null, same: cache === sharedStore() }));
    await sharedStore()?.close();`;
  const run = async (env: Record<string, string>) => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
    });
    return JSON.parse(stdout);
  };
  assert.deepEqual(await run({}), { cache: 'memory', shared: false, same: false });
  // Redis need not answer: the store is created and reconnects by itself.
  assert.deepEqual(await run({ REDIS_URL: 'redis://127.0.0.1:9' }), { cache: 'redis', shared: true, same: true });
  assert.deepEqual(await run({ NEXT_PHASE: 'phase-production-build' }), { cache: null, shared: false, same: true });
  assert.deepEqual(await run({ NODE_ENV: 'development' }), { cache: null, shared: false, same: true });
});
