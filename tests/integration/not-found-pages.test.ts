import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createNotFoundPages, PROBE_HEADER } from '../../server/not-found.mjs';

// The layer that swaps Next's bare 404 document (a notFound() from a page) for the
// server-rendered not-found page. The stand-in for Next answers as Next does, through Next's
// own compression middleware: headers set, then the body in chunks (or a page, JSON, an RSC payload).

let clock = 0;
let loads = 0;
let failLoad = false;
let server: http.Server;
let base = '';
const DOCUMENT = '<!DOCTYPE html><html lang="en"><head><title>Page not found | Site</title></head><body><h1>Page not found</h1></body></html>';
const pages = createNotFoundPages({
  load: async () => {
    loads += 1;
    if (failLoad) throw new Error('probe failed');
    return DOCUMENT;
  },
  ttlMs: 1000,
  now: () => clock,
});

// The compression Next itself puts around every answer (router-server.js), above this layer.
const compression = createRequire(import.meta.url)('next/dist/compiled/compression') as () => (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const NEXT_BODY = `<!DOCTYPE html><html id="__next_error__"><head></head><body><script>${'x'.repeat(4000)}</script></body></html>`;

before(async () => {
  const compress = compression();
  server = http.createServer((req, res) => {
    pages.handle(req, res);
    compress(req, res, () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const status = Number(url.searchParams.get('status') ?? 404);
      const type = url.searchParams.get('type') ?? 'text/html; charset=utf-8';
      if (url.searchParams.has('writeHead')) {
        res.writeHead(status, { 'content-type': type, 'cache-control': 's-maxage=5' });
      } else {
        res.statusCode = status;
        res.setHeader('content-type', type);
        res.setHeader('cache-control', 's-maxage=5');
      }
      res.write(NEXT_BODY.slice(0, 100));
      res.end(NEXT_BODY.slice(100));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

// fetch() undoes gzip itself: a body it can read as the document proves the encoding header went too.
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(base + path, { headers, method });
  return { status: res.status, body: await res.text(), encoding: res.headers.get('content-encoding'), cacheControl: res.headers.get('cache-control'), length: res.headers.get('content-length') };
}

test('a 404 HTML answer gets the not-found document, with Next\'s status and cache headers, set either way', async () => {
  for (const path of ['/post/nope', '/blog/tags/nope?writeHead=1']) {
    const res = await get(path);
    assert.deepEqual([res.status, res.body, res.encoding, res.cacheControl, res.length], [404, DOCUMENT, null, 's-maxage=5', String(Buffer.byteLength(DOCUMENT))], path);
  }
});

test('the document is loaded once per TTL, and again after clear()', async () => {
  clock = 10_000;
  const before = loads;
  await get('/post/a');
  await get('/post/b');
  assert.equal(loads - before, 1);
  clock += 1001;
  await get('/post/c');
  pages.clear();
  await get('/post/d');
  assert.equal(loads - before, 3);
});

test('other answers pass untouched: a page, a JSON 404, an RSC request, HEAD, API routes and the probe itself', async () => {
  const untouched = async (path: string, headers: Record<string, string> = {}, method = 'GET') => {
    const res = await get(path, headers, method);
    assert.equal(res.encoding, 'gzip', path);
    assert.equal(res.body, NEXT_BODY, path);
  };
  await untouched('/post/a?status=200');
  await untouched('/post/a?type=application/json');
  await untouched('/post/a', { rsc: '1' });
  await untouched('/post/a', { [PROBE_HEADER]: '1' });
  await untouched('/api/v1/posts/nope');
  const head = await get('/post/a', {}, 'HEAD');
  assert.deepEqual([head.status, head.body], [404, '']);
});

test('when the document cannot be loaded, a plain not-found page still answers', async () => {
  pages.clear();
  failLoad = true;
  try {
    const res = await get('/post/nope');
    assert.equal(res.status, 404);
    assert.match(res.body, /<h1>Page not found<\/h1>/);
    assert.equal(res.encoding, null);
  } finally {
    failLoad = false;
  }
});
