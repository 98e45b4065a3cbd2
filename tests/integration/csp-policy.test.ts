import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { after, before, test } from 'node:test';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { buildPolicy, cspHeaderName, cspMode, formActionSources, inlineScripts, isFrameworkScript, policyFor } from '../../lib/csp.mjs';
import { isLoaderScript, scriptsAfterPaint } from '../../lib/scripts-after-paint.mjs';
import { createCsp, reactRuntime } from '../../server/csp.mjs';
import { createMicrocache } from '../../server/microcache.mjs';
import { createNotFoundPages } from '../../server/not-found.mjs';

// Issue 15 item 1 without a build: the policy (lib/csp.mjs) and the production server's
// layer that hashes each HTML answer once (server/csp.mjs) in front of a stand-in for Next
// that streams and flushes its headers early, as Next does; the layer compresses (Next's own
// compression is off, next.config.js). The header on real
// pages and the browser's verdict are in e2e/csp.spec.ts.

// React as Next renders pages with it (its compiled copy: the tests run under the react-server condition).
// Its production builds, as `npm start` loads them (next/dist/compiled/react picks by NODE_ENV).
const require = createRequire(import.meta.url);
const nodeEnv = process.env.NODE_ENV;
(process.env as Record<string, string | undefined>).NODE_ENV = 'production';
const { createElement, Suspense, use } = require('next/dist/compiled/react') as typeof import('react');
const { renderToPipeableStream } = require('next/dist/compiled/react-dom/cjs/react-dom-server.node.production.js') as typeof import('react-dom/server');
(process.env as Record<string, string | undefined>).NODE_ENV = nodeEnv;

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

test('the policy: scripts from the site and the hashes only; no plugins, no <base>, framed and posted only by the site', () => {
  const policy = directives(buildPolicy({ hashes: ['abc='], formAction: ['https://github.com'] }));
  assert.deepEqual(policy.get('script-src'), ["'self'", "'sha256-abc='", "'report-sample'"]);
  assert.deepEqual(policy.get('object-src'), ["'none'"]);
  assert.deepEqual(policy.get('base-uri'), ["'none'"]);
  assert.deepEqual(policy.get('frame-ancestors'), ["'self'"]);
  assert.deepEqual(policy.get('form-action'), ["'self'", 'https://github.com']);
  assert.deepEqual(policy.get('report-uri'), ['/api/csp-report']);
  assert.doesNotMatch(buildPolicy({ hashes: [] }), /unsafe-inline|unsafe-eval|\*/);
});

test('form-action names the configured OAuth providers only', () => {
  assert.deepEqual(formActionSources({}), []);
  assert.deepEqual(formActionSources({ GITHUB_ID: 'a' }), []);
  assert.deepEqual(formActionSources({ GITHUB_ID: 'a', GITHUB_SECRET: 'b', GOOGLE_ID: 'c', GOOGLE_SECRET: 'd', OIDC_ISSUER: 'https://id.example.com/realms/x', OIDC_CLIENT_ID: 'e', OIDC_CLIENT_SECRET: 'f' }), [
    'https://github.com',
    'https://accounts.google.com',
    'https://id.example.com',
  ]);
});

test('CSP_MODE: enforce by default, report-only, off; anything else refused by name', () => {
  assert.equal(cspHeaderName(cspMode(undefined)), 'Content-Security-Policy');
  assert.equal(cspHeaderName(cspMode(' ')), 'Content-Security-Policy');
  assert.equal(cspHeaderName(cspMode('report-only')), 'Content-Security-Policy-Report-Only');
  assert.equal(cspHeaderName(cspMode('off')), null);
  assert.throws(() => cspMode('strict'), /CSP_MODE must be enforce, report-only or off/);
});

test('only inline JavaScript is read: not files, not JSON-LD', () => {
  const html = '<script src="/_next/static/a.js" async></script><script type="application/ld+json">{"a":1}</script><script type=module>m()</script><SCRIPT>x()</script >';
  assert.deepEqual(inlineScripts(html), ['m()', 'x()']);
});

test("Next's flight pushes, Turbopack's bootstrap and Next's icon script are the framework's; scripts with other text are not", () => {
  for (const text of [
    '(self.__next_f=self.__next_f||[]).push([0])',
    '(self.__next_f=self.__next_f||[]).push([0]);self.__next_f.push([2,null])',
    'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n\\u003cscript\\u003e"])',
    `document.querySelectorAll('body link[rel="icon"], body link[rel="apple-touch-icon"]').forEach(el => document.head.appendChild(el))`,
    '$RC("B:1","S:1")',
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"chunks":["/_next/static/chunks/a.js"],"x":"\\u003c"});\n(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push([1]);',
  ])
    assert.equal(isFrameworkScript(text, reactRuntime()), true, text);
  for (const text of [
    'alert(1)',
    'self.__next_f.push([1,"a"]);alert(1)',
    'self.__next_f.push([1]);self.__next_f.push(alert(1))',
    'self.__next_f.push(alert(1))',
    '$RC(alert(1))',
    '$RC=function(){alert(1)};$RC("B:0","S:0")',
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(alert(1));',
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push([1]);alert(1)',
    '',
  ])
    assert.equal(isFrameworkScript(text, reactRuntime()), false, text);
});

test("React's streaming scripts, from a real render with a suspended boundary, are all the framework's", async () => {
  let resolve!: (value: string) => void;
  const later = new Promise<string>((r) => (resolve = r));
  const Late = () => createElement('p', null, use(later));
  const app = createElement('html', null, createElement('body', null, createElement(Suspense, { fallback: createElement('i', null, '…') }, createElement(Late))));
  const out = new PassThrough();
  let html = '';
  out.on('data', (chunk: Buffer) => (html += chunk.toString('utf8')));
  const done = new Promise((r) => out.on('end', r));
  const stream = renderToPipeableStream(app, { onShellReady: () => stream.pipe(out) });
  setTimeout(() => resolve('late text'), 10);
  await done;
  const scripts = inlineScripts(html);
  assert.ok(scripts.some((text) => text.includes('$RC(')), html);
  const runtime = reactRuntime();
  assert.ok(scripts.some((text) => runtime.some((piece) => text.startsWith(piece))), 'a script starts with a runtime piece');
  for (const text of scripts) assert.equal(isFrameworkScript(text, runtime), true, text.slice(0, 80));
  for (const text of scripts) assert.ok(policyFor(html, { runtime }).includes(sha(text)));
  // Without the runtime pieces, the script that defines them is not recognised: they are what lets it.
  assert.ok(scripts.some((text) => !isFrameworkScript(text)));
  assert.ok(!policyFor(`${html}<script>alert(1)</script>`, { runtime }).includes(sha('alert(1)')));
});

// A stand-in for Next behind the layers, in server/server.mjs's order (not-found pages,
// microcache, CSP and compression, then Next): headers first, flushed early, then the body in
// two chunks 15 ms apart, as a stream comes. Over compression's 1 KB threshold, so that gzip is
// asked for. Under …/pre… the stand-in compresses its answer itself (a route that encodes its
// own body): the layer reads it through the encoding and encodes the changed page again.
const PAGE = `<!DOCTYPE html><html><body><p>${'hello '.repeat(300)}</p><script>self.__next_f.push([1,"a"])</script><script>alert(1)</script></body></html>`;
const BARE_404 = '<!DOCTYPE html><html id="__next_error__"><body><script>self.__next_f.push([1,"bare"])</script></body></html>';
// A page with Next's chunk scripts, which the layer moves after the first paint (lib/scripts-after-paint.mjs).
const CHUNKS_PAGE = `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script></head><body><p>${'hello '.repeat(300)}</p><script>self.__next_f.push([1,"a"])</script></body></html>`;
const NOT_FOUND = '<!DOCTYPE html><html><body><h1>Page not found</h1><script>self.__next_f.push([1,"not found"])</script></body></html>';
let renders = 0;
let server: http.Server;
let base = '';
const csp = createCsp({ CSP_MODE: 'enforce' });
const microcache = createMicrocache({ ttlMs: 60_000 });
const notFound = createNotFoundPages({ load: async () => NOT_FOUND, headersFor: (html) => csp.headersFor(html) });
const compression = require('next/dist/compiled/compression') as () => (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

before(async () => {
  const compress = compression();
  server = http.createServer((req, res) => {
    const render = () =>
      (req.url?.includes('/pre') ? compress : (_req: unknown, _res: unknown, next: () => void) => next())(req, res, () => {
        renders += 1;
        const json = req.url?.startsWith('/json');
        const missing = req.url?.startsWith('/missing');
        const chunks = req.url?.includes('chunks');
        res.statusCode = missing ? 404 : 200;
        res.setHeader('content-type', json ? 'application/json' : 'text/html; charset=utf-8');
        res.setHeader('cache-control', 's-maxage=60');
        res.flushHeaders();
        const body = json ? JSON.stringify({ a: 'x'.repeat(2000) }) : missing ? BARE_404 : chunks ? CHUNKS_PAGE : PAGE;
        res.write(body.slice(0, 40));
        setTimeout(() => res.end(body.slice(40)), 15);
      });
    notFound.handle(req, res);
    microcache.handle(req, res, () => csp.handle(req, res, render));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

test("an HTML answer goes out whole, with its framework scripts' hashes, and a microcache hit keeps the header", async () => {
  for (const encoding of ['gzip', 'identity']) {
    const path = `/page-${encoding}`;
    const first = await fetch(base + path, { headers: { 'accept-encoding': encoding } });
    const policy = first.headers.get('content-security-policy') ?? '';
    assert.equal(first.headers.get('content-encoding'), encoding === 'gzip' ? 'gzip' : null);
    assert.equal(await first.text(), PAGE);
    assert.ok(policy.includes(sha('self.__next_f.push([1,"a"])')), policy);
    assert.ok(!policy.includes(sha('alert(1)')), policy);
    assert.ok(first.headers.get('content-length'), 'sent whole, with its length');
    assert.equal(first.headers.get('reporting-endpoints'), 'csp="/api/csp-report"');
    const before = renders;
    const hit = await fetch(base + path, { headers: { 'accept-encoding': encoding } });
    assert.equal(hit.headers.get('x-quire-cache'), 'HIT');
    assert.equal(hit.headers.get('content-security-policy'), policy);
    assert.equal(await hit.text(), PAGE);
    assert.equal(renders, before);
  }
});

test('anything but HTML passes through as it streams, without a policy', async () => {
  const res = await fetch(`${base}/json`);
  assert.equal(res.headers.get('content-security-policy'), null);
  assert.equal(res.headers.get('transfer-encoding'), 'chunked');
  assert.deepEqual(await res.json(), { a: 'x'.repeat(2000) });
});

test("a 404 swapped for the not-found document carries the document's policy, not the bare page's", async () => {
  const res = await fetch(`${base}/missing`);
  assert.equal(res.status, 404);
  assert.equal(await res.text(), NOT_FOUND);
  const policy = res.headers.get('content-security-policy') ?? '';
  assert.ok(policy.includes(sha('self.__next_f.push([1,"not found"])')), policy);
  assert.ok(!policy.includes(sha('self.__next_f.push([1,"bare"])')), policy);
});

test("Next's chunk scripts are moved after the first paint, the page encoded as Next encoded it, the loader hashed", async () => {
  const moved = scriptsAfterPaint(CHUNKS_PAGE);
  assert.notEqual(moved, CHUNKS_PAGE);
  for (const [prefix, encoding] of [['', 'gzip'], ['', 'identity'], ['pre-', 'gzip']]) {
    // The bytes as sent (fetch would decompress them).
    const res = await new Promise<{ headers: http.IncomingHttpHeaders; raw: Buffer }>((resolve, reject) => {
      http.get(`${base}/post/${prefix}chunks-${encoding}`, { headers: { 'accept-encoding': encoding } }, (answer) => {
        const parts: Buffer[] = [];
        answer.on('data', (part: Buffer) => parts.push(part));
        answer.on('end', () => resolve({ headers: answer.headers, raw: Buffer.concat(parts) }));
      }).on('error', reject);
    });
    assert.equal(res.headers['content-encoding'], encoding === 'gzip' ? 'gzip' : undefined);
    assert.equal(Number(res.headers['content-length']), res.raw.length);
    assert.equal((encoding === 'gzip' ? gunzipSync(res.raw) : res.raw).toString('utf8'), moved);
    const loader = inlineScripts(moved).find((text) => isLoaderScript(text)) ?? '';
    assert.ok(String(res.headers['content-security-policy']).includes(sha(loader)));
  }
});

test('pages other than the reading pages keep their scripts where Next put them', async () => {
  for (const path of ['/admin/posts/chunks', '/signin-chunks']) {
    const res = await fetch(base + path, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(await res.text(), CHUNKS_PAGE, path);
    assert.equal(res.headers.get('content-encoding'), 'gzip', 'compressed all the same');
  }
});

test('CSP_MODE=off: no policy header, and the scripts still move', async () => {
  const off = createCsp({ CSP_MODE: 'off' });
  assert.equal(off.headerFor(CHUNKS_PAGE), null);
  assert.deepEqual(off.headersFor(CHUNKS_PAGE), []);
  const plain = http.createServer((req, res) =>
    off.handle(req, res, () => {
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.end(CHUNKS_PAGE);
    }),
  );
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  try {
    const res = await fetch(`http://127.0.0.1:${(plain.address() as AddressInfo).port}/post/a-post`);
    assert.equal(res.headers.get('content-security-policy'), null);
    assert.equal(res.headers.get('content-security-policy-report-only'), null);
    assert.equal(await res.text(), scriptsAfterPaint(CHUNKS_PAGE));
  } finally {
    plain.close();
  }
});
