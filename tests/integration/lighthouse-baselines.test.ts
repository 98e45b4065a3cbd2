import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { blockingAfterPaint, loadRequests, startStaticCopy, withoutScripts } from '../../bench/lib/lighthouse-baselines.mjs';

// The lighthouse part's baselines (bench/lib/lighthouse-baselines.mjs): a page's load copied
// from the app and served from memory, and the same page with its HTML and CSS only. A real
// node:http server stands in for the app here; the bench runs them against the production server.

const PAGE = [
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/s.css"/>',
  '<script type="application/ld+json">{"@type":"BlogPosting","headline":"a \\u003c/script> b"}</script>',
  '</head><body><h1>Post</h1>',
  '<script>self.__next_f.push([1,"data"])</script>',
  '<script src="/_next/static/chunks/a.js" async=""></script>',
  '</body></html>',
].join('');

async function startApp() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url} rsc=${req.headers.rsc ?? ''}`);
    if (req.url === '/post/x') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'self'", 'set-cookie': 'a=b' }).end(PAGE);
    else if (req.url === '/s.css') res.writeHead(200, { 'content-type': 'text/css' }).end(`body{color:red}${' '.repeat(2000)}`);
    else if (req.url === '/?_rsc=1') res.writeHead(200, { 'content-type': 'text/x-component' }).end(req.headers.rsc === '1' ? 'rsc payload' : '<html>home</html>');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('withoutScripts keeps the HTML, the CSS and JSON-LD, and takes every other script out', () => {
  const out = withoutScripts(PAGE);
  assert.equal(out.includes('self.__next_f'), false);
  assert.equal(out.includes('/_next/static/chunks/a.js'), false);
  assert.match(out, /<script type="application\/ld\+json">.*BlogPosting/);
  assert.match(out, /<link rel="stylesheet" href="\/s.css"\/>/);
  assert.match(out, /<h1>Post<\/h1>/);
});

test('loadRequests keeps the GETs to the app, once each, with the headers an answer varies on', () => {
  const origin = 'http://127.0.0.1:4000';
  const sent = (url: string, method = 'GET', headers: Record<string, string> = {}) => ({ method: 'Network.requestWillBeSent', params: { request: { url, method, headers } } });
  const requests = loadRequests(
    [
      sent(`${origin}/post/x`),
      sent(`${origin}/s.css`),
      sent(`${origin}/s.css`),
      sent(`${origin}/?_rsc=1`, 'GET', { RSC: '1', 'Next-Router-Prefetch': '1', Accept: '*/*' }),
      sent(`${origin}/api/views`, 'POST'),
      sent('data:image/png;base64,AAAA'),
      sent('http://elsewhere.test/x.js'),
      { method: 'Network.responseReceived', params: {} },
    ],
    origin,
  );
  assert.deepEqual(requests, [
    { pathAndQuery: '/post/x', headers: {} },
    { pathAndQuery: '/s.css', headers: {} },
    { pathAndQuery: '/?_rsc=1', headers: { rsc: '1', 'next-router-prefetch': '1' } },
  ]);
});

test('the static copy answers what the app answered, once fetched, and the page with its HTML and CSS only', async (t) => {
  const app = await startApp();
  t.after(app.close);
  const copy = await startStaticCopy({ origin: app.origin, page: '/post/x', requests: [{ pathAndQuery: '/s.css', headers: {} }, { pathAndQuery: '/?_rsc=1', headers: { rsc: '1' } }] });
  t.after(copy.close);
  const fetchedFromApp = app.seen.length;
  assert.equal(fetchedFromApp, 3);

  const page = await fetch(`${copy.origin}${copy.paths.copy}`);
  assert.equal(page.status, 200);
  assert.equal(await page.text(), PAGE);
  assert.equal(page.headers.get('content-security-policy'), "default-src 'self'");
  assert.equal(page.headers.get('set-cookie'), null);

  // The stylesheet, gzipped for a client that takes it (as the app's server would), plain otherwise.
  const css = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
    http.get(`${copy.origin}/s.css`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
  assert.equal(css.encoding, 'gzip');
  assert.match(gunzipSync(css.body).toString(), /^body\{color:red\}/);

  // The RSC answer by its header, as Next varies it.
  assert.equal(await (await fetch(`${copy.origin}/?_rsc=1`, { headers: { rsc: '1' } })).text(), 'rsc payload');

  const bare = await fetch(`${copy.origin}${copy.paths.htmlCssOnly}`);
  assert.equal(bare.status, 200);
  const bareText = await bare.text();
  assert.equal(bareText, withoutScripts(PAGE));
  assert.equal(bareText.includes('chunks/a.js'), false);

  assert.equal((await fetch(`${copy.origin}/api/views`, { method: 'POST', body: 'x' })).status, 204);
  assert.equal((await fetch(`${copy.origin}/not-copied`)).status, 404);
  // Served from memory: the app saw nothing more.
  assert.equal(app.seen.length, fetchedFromApp);
});

test('startStaticCopy refuses a page the app does not answer with 200', async (t) => {
  const app = await startApp();
  t.after(app.close);
  await assert.rejects(startStaticCopy({ origin: app.origin, page: '/missing', requests: [] }), /\/missing answered 404 when copied/);
});

test('blockingAfterPaint sums the main thread tasks after the first paint as Lighthouse does, from wall and from CPU time', () => {
  const nav = { name: 'navigationStart', ph: 'R', pid: 1, tid: 1, ts: 1_000_000, args: { data: { isLoadingMainFrame: true, documentLoaderURL: 'http://127.0.0.1/post/x' } } };
  const thread = { name: 'thread_name', ph: 'M', pid: 1, tid: 1, args: { name: 'CrRendererMain' } };
  const task = (atMs: number, wallMs: number, cpuMs: number, tid = 1) => ({ name: 'RunTask', ph: 'X', pid: 1, tid, ts: 1_000_000 + atMs * 1000, dur: wallMs * 1000, tdur: cpuMs * 1000 });
  const trace = {
    traceEvents: [
      nav,
      thread,
      task(50, 100, 90), // before the first paint: not counted
      task(300, 30, 5), // 4 × 30 − 50 = 70 wall, 4 × 5 − 50 < 0 CPU
      task(400, 40, 20), // 110 wall, 30 CPU
      task(500, 10, 10), // under 12.5 ms: nothing
      task(600, 80, 80, 2), // another thread: not counted
    ],
  };
  assert.deepEqual(blockingAfterPaint(trace, 200, 4), { wall: 180, cpu: 30 });
  assert.deepEqual(blockingAfterPaint(trace, 200, 1), { wall: 0, cpu: 0 });
  assert.equal(blockingAfterPaint({ traceEvents: [thread] }, 200, 4), null);
  assert.equal(blockingAfterPaint(trace, Number.NaN, 4), null);
});
