import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createMicrocache } from '../../server/microcache.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

// The microcache's hot path and its refreshes (server/microcache.mjs): a hit answered before
// any other work, and one request at a time fetching an expired page while the others get
// the copy that just expired. What it may keep at all: ./microcache.test.ts.

let clock = 0;

test('serveHit, the fast path before any other work, answers only what handle would have served', async () => {
  const fast = createMicrocache({ ttlMs: 1000, now: () => clock });
  let renders = 0;
  const app = http.createServer((req, res) => {
    if (fast.serveHit(req, res)) return;
    // What the production server sets on every answer before Next runs (server/hardening.mjs).
    res.setHeader('X-Content-Type-Options', 'nosniff');
    fast.handle(req, res, () => {
      renders += 1;
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 's-maxage=10' });
      res.end(`render ${renders}`);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const at = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  try {
    const first = await fetch(`${at}/post/fast`);
    assert.equal(await first.text(), 'render 1');
    assert.equal(first.headers.get('x-quire-cache'), null);

    const hit = await fetch(`${at}/post/fast`);
    assert.equal(await hit.text(), 'render 1');
    assert.equal(hit.headers.get('x-quire-cache'), 'HIT');
    // The stored answer carries the headers set before the render, not only the render's own.
    assert.equal(hit.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(hit.headers.get('cache-control'), 's-maxage=10');

    const head = await fetch(`${at}/post/fast`, { method: 'HEAD' });
    assert.equal(head.headers.get('x-quire-cache'), 'HIT');
    assert.equal(await head.text(), '');

    // A session or a request body takes the long way: the app renders.
    const signedIn = await fetch(`${at}/post/fast`, { headers: { cookie: `${SESSION_COOKIE}=x` } });
    assert.equal(await signedIn.text(), 'render 2');
    const withBody = await new Promise<string>((resolve, reject) => {
      const req = http.request(`${at}/post/fast`, { method: 'GET', headers: { 'content-length': '3' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(text));
      });
      req.on('error', reject);
      req.end('abc');
    });
    assert.equal(withBody, 'render 3');

    // Past its time the entry is dropped and the page rendered again.
    clock += 1001;
    const stale = await fetch(`${at}/post/fast`);
    assert.equal(await stale.text(), 'render 4');
    assert.equal(stale.headers.get('x-quire-cache'), null);
  } finally {
    await new Promise((resolve) => app.close(resolve));
  }
});

test('an expired page is fetched again by one request; the others meanwhile get the copy that just expired', async () => {
  const swr = createMicrocache({ ttlMs: 1000, graceMs: 5000, now: () => clock });
  let renders = 0;
  let cacheable = true;
  // Renders after the first wait until released, so that requests can arrive meanwhile.
  const waiting: (() => void)[] = [];
  const releaseAll = () => waiting.splice(0).forEach((release) => release());
  const app = http.createServer((req, res) => {
    if (swr.serveHit(req, res)) return;
    swr.handle(req, res, async () => {
      renders += 1;
      const mine = renders;
      if (mine > 1) await new Promise<void>((resolve) => waiting.push(resolve));
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': cacheable ? 's-maxage=10' : 'private' });
      res.end(`render ${mine}`);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const at = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
  const read = async () => {
    const res = await fetch(`${at}/post/swr`);
    return { body: await res.text(), cache: res.headers.get('x-quire-cache') };
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
  /** Two requests one after the other while the first one's render waits; then both answers. */
  const overlapping = async () => {
    const first = read();
    await pause();
    const second = read();
    await pause();
    releaseAll();
    await pause();
    releaseAll();
    return [await first, await second];
  };
  try {
    assert.deepEqual(await read(), { body: 'render 1', cache: null });
    clock += 1001;
    // The first request after the TTL renders (held open here); two more meanwhile get the old copy.
    const refresher = read();
    await pause();
    assert.deepEqual(await read(), { body: 'render 1', cache: 'STALE' });
    assert.deepEqual(await read(), { body: 'render 1', cache: 'STALE' });
    assert.equal(renders, 2, 'one refresh, not one per request');
    releaseAll();
    assert.deepEqual(await refresher, { body: 'render 2', cache: null });
    assert.deepEqual(await read(), { body: 'render 2', cache: 'HIT' });

    // A refresh whose answer may not be kept drops the old copy: the next request goes to the app.
    clock += 1001;
    cacheable = false;
    const [uncached, meanwhile] = await overlapping();
    assert.deepEqual(uncached, { body: 'render 3', cache: null });
    assert.deepEqual(meanwhile, { body: 'render 2', cache: 'STALE' });
    const [next] = await overlapping();
    assert.ok(next);
    assert.equal(next.cache, null);
    assert.equal(next.body, `render ${renders - 1}`);

    // An invalidation drops the entry outright: no old copy after a write.
    cacheable = true;
    await overlapping();
    assert.equal((await read()).cache, 'HIT');
    swr.clear();
    for (const answer of await overlapping()) assert.notEqual(answer.cache, 'STALE');

    // Past the grace period an expired copy is not served, even while a refresh runs.
    assert.equal((await read()).cache, 'HIT');
    clock += 1000 + 5001;
    for (const answer of await overlapping()) assert.notEqual(answer.cache, 'STALE');
  } finally {
    releaseAll();
    await new Promise((resolve) => app.close(resolve));
  }
});
