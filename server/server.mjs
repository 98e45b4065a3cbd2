#!/usr/bin/env node
// @ts-check
// The production server that `npm start` runs: Next's request handler behind a
// one-second microcache (./microcache.mjs). Environment: PORT (3000), HOST (0.0.0.0;
// not HOSTNAME, which containers set to their own name), MICROCACHE_TTL_MS (1000; 0
// turns it off), TRUST_PROXY (unset: X-Forwarded-For from clients is replaced by the
// socket address; set it to 1 behind a reverse proxy that sets the header), plus the
// app's own variables.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import pLimit from 'p-limit';
import pg from 'pg';
import { answerMalformedPathAs400 } from '../lib/bad-path.mjs';
import { createHealth, HEALTH_PATH } from '../lib/health.mjs';
import { createReaderStore } from '../lib/comments/reader-store.mjs';
import { pageAffected } from '../lib/shared-cache/page-tags.mjs';
import { cacheStore, sharedStore } from '../lib/shared-cache/runtime.mjs';
import { handleViewsRequest, VIEWS_PATH } from '../lib/views/endpoint.mjs';
import { createViewStore } from '../lib/views/store.mjs';
import { installServerHooks } from './hooks.mjs';
import { formatAbortReasonStacks } from './abort-reasons.mjs';
import { createStartGate, expireBuild } from './expire-build.mjs';
import { answerBusy, createHeaders, createTimedServer, refuseLargeBody, withBusyAnswer } from './hardening.mjs';
import { createCsp } from './csp.mjs';
import { createMicrocache, LIST_PAGES } from './microcache.mjs';
import { createNotFoundPages, PROBE_HEADER, PROBE_PATH } from './not-found.mjs';
import { createReaderPages } from './reader-pages.mjs';
import { createShutdown } from './shutdown.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || '0.0.0.0';
const ttlMs = Number(process.env.MICROCACHE_TTL_MS ?? 1000);
const microcacheMb = Number(process.env.MICROCACHE_MAX_MB ?? 16);
if (!Number.isFinite(ttlMs) || ttlMs < 0 || !Number.isFinite(microcacheMb) || microcacheMb <= 0) {
  console.error('error: MICROCACHE_TTL_MS must be a number ≥ 0 and MICROCACHE_MAX_MB a number > 0');
  process.exit(1);
}
const microcacheBytes = microcacheMb * 1024 * 1024;
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? '');

Object.assign(process.env, { NODE_ENV: 'production', QUIRE_SERVER_COMPRESSES: '1' }); // ./csp.mjs compresses, not Next (next.config.js)
const app = next({ dev: false, dir: root, hostname, port });
const handleNext = app.getRequestHandler();

const microcache = ttlMs > 0 ? createMicrocache({ ttlMs, maxBytes: microcacheBytes, addressOnly: LIST_PAGES }) : null;
// Every HTML answer's Content-Security-Policy (CSP_MODE: enforce, report-only or off) and its
// scripts moved after the first paint (./csp.mjs), before the microcache keeps it; set
// once Next has loaded .env files (below).
/** @type {ReturnType<typeof createCsp> | null} */
let csp = null;
/** @type {string | null} */
let selfOrigin = null;
// Signed-in readers' post pages from a shared shell (./reader-pages.mjs); READER_PAGES=0 renders them per request instead.
// A shell costs a render (~100 ms for the 200-comment post, every request waits meanwhile on
// 2 cores), so it is kept for minutes (READER_SHELL_TTL_MS, default 5 min): an invalidation
// of its post drops it, and the counts on it are filled per reader at the moment. Kept 10 s,
// its re-render put the signed-in bench's p99 over 100 ms (bench/README.md, signed-in).
const shellTtlMs = ttlMs > 0 ? Number(process.env.READER_SHELL_TTL_MS ?? 300_000) : 0;
if (!Number.isFinite(shellTtlMs) || shellTtlMs < 0) {
  console.error('error: READER_SHELL_TTL_MS must be a number of milliseconds ≥ 0');
  process.exit(1);
}
/** @type {ReturnType<typeof createReaderPages> | null} */
let readerPages = null;
// notFound() from a page answers with Next's bare client-rendered document: sent instead is
// the server-rendered not-found page (./not-found.mjs), read from this server.
const notFoundPages = createNotFoundPages({
  load: async () => {
    const res = await fetch(`${selfOrigin}${PROBE_PATH}`, { headers: { [PROBE_HEADER]: '1', 'accept-encoding': 'identity' } });
    if (res.status !== 404 || !/^text\/html\b/.test(res.headers.get('content-type') ?? '')) throw new Error(`not-found probe: ${res.status}`);
    return res.text();
  },
  // The document's own policy: the policy worked out for Next's bare 404 would not fit it.
  headersFor: (html) => csp?.headersFor(html) ?? [],
});
/** Drops what this server keeps of the pages built from `tags` (lib/shared-cache/page-tags.mjs); everything without. @param {readonly string[]} [tags] */
const clearCaches = (tags) => {
  const affected = tags ? (/** @type {string} */ url) => pageAffected(url, tags) : undefined;
  microcache?.clear(affected);
  readerPages?.clear(affected);
  notFoundPages.clear(); // it shows the site's name, menu and language
};
/** @type {Array<() => Promise<void>>} */
const stopTasks = [];
// The app clears the microcache when it invalidates cache tags (lib/cache-invalidation.ts),
// so a publish or a new comment shows on the next request rather than a second later. Its
// job worker (lib/jobs, started by instrumentation.ts during app.prepare(), hence the hooks
// first) publishes through this server's own address and stops with it.
installServerHooks({ clearMicrocache: clearCaches, selfOrigin: () => selfOrigin, onStop: (task) => void stopTasks.push(task), answerBusy });
formatAbortReasonStacks(); // before the first render, or renders under concurrent load stay in memory (./abort-reasons.mjs)
await app.prepare();
try {
  csp = createCsp(process.env);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

// A tag invalidated on any instance (this one too; with REDIS_URL over pub/sub): drop the pages this instance's microcache holds.
const shared = sharedStore();
cacheStore()?.onInvalidate(clearCaches);

// Next has loaded .env files into process.env by now. The view beacons and the signed-in pages' reader queries: small, quick statements.
const viewsPool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 6 });
viewsPool.on('error', (error) => console.error('views pool:', error.message));
const views = createViewStore(viewsPool);
// Without AUTH_SECRET Next refuses to start in production; this just follows it.
const authSecret = process.env.AUTH_SECRET;
if (process.env.READER_PAGES !== '0' && authSecret) {
  readerPages = createReaderPages({ origin: () => selfOrigin, store: createReaderStore(viewsPool), secret: authSecret, ttlMs: shellTtlMs, maxBytes: microcacheBytes });
}

// What reaches Next (a render, or a read of its cache): with RENDER_CONCURRENCY=N at most N
// at once, the rest wait their turn; unset or 0, no limit (the default). Renders run on one
// JavaScript thread, and every render in flight holds its page (a post with its comments,
// the RSC payload, the HTML): under the memory bench's mixed load 2 at once peaked at
// 338–373 MB against 400–414 MB with 4, 8 or no limit (bench/README.md). Not the default:
// with 2, a slow request (a password hash, a search) holds up cheap ones behind it, and the
// e2e suite's sign-in, pagination and view flows ran into their timeouts. A turn ends when
// the answer is sent, the connection closes or RENDER_TURN_MS passes, so slow clients cannot
// hold the turns.
const renderConcurrency = Number(process.env.RENDER_CONCURRENCY ?? 0);
const RENDER_TURN_MS = 5000;
if (!Number.isInteger(renderConcurrency) || renderConcurrency < 0) {
  console.error('error: RENDER_CONCURRENCY must be a whole number ≥ 0 (0: no limit)');
  process.exit(1);
}
const renders = renderConcurrency > 0 ? pLimit(renderConcurrency) : null;

/** Runs `start` and settles once the answer is sent or the connection is gone. @param {import('node:http').ServerResponse} res @param {() => unknown} start */
function untilSent(res, start) {
  return new Promise((resolve) => {
    res.once('close', resolve);
    res.once('finish', resolve);
    setTimeout(resolve, RENDER_TURN_MS).unref();
    try {
      start();
    } catch {
      resolve(undefined);
    }
  });
}

/** @param {string} url @param {string} route */
function isPath(url, route) {
  return url === route || url.startsWith(`${route}?`);
}

// Mail clients post one-click unsubscribes (RFC 8058) from wherever they run.
const CROSS_SITE_POSTS = new Set(['/api/unsubscribe']);

/**
 * A POST whose Origin is another site (or "null"). Next refuses such server-action posts
 * itself, but with a 500; this answers 403 before any work. Requests without an Origin
 * (non-browser clients) go on to the handlers, which check what they need.
 * @param {import('node:http').IncomingMessage} req
 */
function isCrossSitePost(req) {
  const origin = req.headers.origin;
  if (req.method !== 'POST' || origin === undefined || CROSS_SITE_POSTS.has((req.url ?? '').split('?')[0] ?? '')) return false;
  const forwarded = trustProxy ? String(req.headers['x-forwarded-host'] ?? '').split(',')[0]?.trim() : '';
  const host = forwarded || req.headers.host;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

/**
 * Next answers a permanent redirect (a renamed post's old address) with 308. For GET and
 * HEAD, 301 means the same, and it is what crawlers and SEO tools expect to see.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function permanentRedirectsAs301(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return;
  /** @type {(...args: any[]) => import('node:http').ServerResponse} */
  const writeHead = res.writeHead.bind(res);
  res.writeHead = /** @type {import('node:http').ServerResponse['writeHead']} */ ((/** @type {number} */ status, /** @type {unknown[]} */ ...rest) => writeHead(status === 308 ? 301 : status, ...rest));
}

// Security headers on every answer (lib/hardening.mjs; with HSTS when SITE_URL is https).
const setSecurityHeaders = createHeaders();

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function handle(req, res) {
  // A cached page is answered before anything else (its stored answer carries every header the
  // steps below set: bench/README.md, the per-hit cost); not while stopping (./shutdown.mjs).
  if (!shutdown.stopping() && microcache?.serveHit(req, res)) return;
  setSecurityHeaders(res);
  if (refuseLargeBody(req, res)) return;
  answerMalformedPathAs400(req, res);
  // Rate limits and view dedupe key on the first X-Forwarded-For entry: only a trusted
  // proxy may set it.
  if (!trustProxy) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? 'unknown';
  const url = req.url ?? '';
  if (isPath(url, VIEWS_PATH)) {
    void handleViewsRequest(views, req, res);
    return;
  }
  if (isPath(url, HEALTH_PATH)) {
    void health.handle(req, res);
    return;
  }
  if (isCrossSitePost(req)) {
    res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Cross-site form posts are refused.\n');
    return;
  }
  permanentRedirectsAs301(req, res);
  notFoundPages.handle(req, res);
  const render = csp ? () => csp.handle(req, res, () => handleNext(req, res)) : () => handleNext(req, res);
  const next = renders ? () => renders(() => untilSent(res, render)) : render;
  const cached = microcache ? () => microcache.handle(req, res, next) : next;
  // A sign-in (or sign-up, password reset, account deletion) whose hashing was refused for load answers 503 (./hardening.mjs).
  void withBusyAnswer(req, res, () => (readerPages ? readerPages.handle(req, res, cached) : cached()));
}

// Until the build's prerendered pages are expired (./expire-build.mjs), requests wait.
const gate = createStartGate(handle);
// Slow clients (slow-loris) are cut off by the timeouts (./hardening.mjs: HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS).
const server = createTimedServer((req, res) => gate.pass(req.url ?? '', req, res));
const shutdown = createShutdown({ server });
const health = createHealth({
  checks: { database: () => viewsPool.query('SELECT 1') },
  // Without Redis the site still works, uncached: the instance reports "degraded" but stays in the balancer.
  degradable: shared ? { redis: () => shared.ping() } : {},
  stopping: shutdown.stopping,
});
shutdown.atOnce(() => Promise.all(stopTasks.map((task) => task())));
shutdown.afterRequests(() => viewsPool.end());
shutdown.afterRequests(() => shared?.close());

server.listen(port, hostname, async () => {
  const self = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  const origin = `http://${self.includes(':') ? `[${self}]` : self}:${port}`;
  selfOrigin = origin;
  try {
    await expireBuild({ origin, secret: process.env.AUTH_SECRET });
  } catch (error) {
    console.error(`error: could not expire the build's prerendered pages: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  gate.open();
  console.log(`ready: http://${hostname === '0.0.0.0' ? 'localhost' : hostname}:${port}`);
});

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => void shutdown.begin(signal));
