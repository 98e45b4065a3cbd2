// Baselines for the lighthouse part, run side by side with the app (machines here are noisy):
// the same page's bytes served from memory, and that copy without its scripts.
//
// Why (measured 2026-12-05): on this 2-core host Lighthouse's total blocking time is mostly the
// host, not the page. Lighthouse's simulated throttling multiplies each main-thread task's
// *wall* time by the CPU slowdown; while the page loads, Chrome's GPU process (compositing and
// the screenshots Lighthouse records) and browser process took ~550 ms of CPU in 1.4 s and the
// app server on the same cores ~300–600 ms a run (it renders a stale page again in the
// background), so the renderer's tasks ran up to 9× their CPU time (a 28 ms task held 4.8 ms of
// CPU). Scoring the app against
//   - a static copy: every response the page's load asked for, fetched once from the app and
//     served from memory by a bare node:http server (no app server's CPU), and
//   - the copy with its HTML and CSS only: every script but JSON-LD taken out (the framework's
//     loader and its inline Flight data), the page's floor,
// in the same minutes tells what is the app's, what the framework's and what the host's.
// Each run also reports its main thread's tasks from the first contentful paint to the trace's end as Lighthouse
// counts blocking time (slowdown × duration − 50 ms, summed), from wall time and from the
// thread's CPU time (`tdur`): the gap between the two is the host's contention.
import http from 'node:http';
import zlib from 'node:zlib';

// Request headers a Next answer varies on (RSC requests, prefetches); the copy keys on them.
const VARY = ['rsc', 'next-router-prefetch', 'next-router-segment-prefetch', 'next-router-state-tree', 'next-url'];
// Answer headers not copied: the copy sets its own length and encoding.
const DROP = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date', 'etag', 'set-cookie', 'age']);
const COMPRESSIBLE = /^(text\/|application\/(javascript|json|manifest\+json|xml|rss\+xml|atom\+xml)|image\/svg)/;

const keyOf = (pathAndQuery, headers) => [pathAndQuery, ...VARY.map((h) => headers[h] ?? '')].join('\n');

/**
 * The GET requests a Lighthouse run's page load made to `origin`, with the headers its answer
 * varies on, from the run's DevTools log.
 * @param {any[]} devtoolsLog @param {string} origin
 * @returns {{ pathAndQuery: string, headers: Record<string, string> }[]}
 */
export function loadRequests(devtoolsLog, origin) {
  const seen = new Map();
  for (const m of devtoolsLog ?? []) {
    if (m.method !== 'Network.requestWillBeSent') continue;
    const { url, method, headers } = m.params.request;
    if (method !== 'GET' || !url.startsWith(`${origin}/`)) continue;
    const lower = Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const varied = Object.fromEntries(VARY.filter((h) => lower[h] !== undefined).map((h) => [h, lower[h]]));
    const pathAndQuery = url.slice(origin.length);
    seen.set(keyOf(pathAndQuery, varied), { pathAndQuery, headers: varied });
  }
  return [...seen.values()];
}

/**
 * The document with every script taken out but JSON-LD (`type="application/ld+json"`): its
 * HTML and CSS only.
 * @param {string} html
 */
export function withoutScripts(html) {
  return html.replace(/<script\b([^>]*)>[\s\S]*?<\/script>/g, (whole, /** @type {string} */ attrs) => (/type="application\/ld\+json"/.test(attrs) ? whole : ''));
}

/**
 * Fetches each request from the app once and serves the answers from memory, on a free port
 * of 127.0.0.1: `page` (the document's path) as fetched, and `/__html-css-only` + `page` as
 * the same document without its scripts. POSTs (the view beacon) get 204; anything not in the
 * copy 404. Returns the copy's origin and close().
 * @param {{ origin: string, page: string, requests: { pathAndQuery: string, headers: Record<string, string> }[] }} options
 */
export async function startStaticCopy({ origin, page, requests }) {
  /** @type {Map<string, { status: number, headers: [string, string][], body: Buffer, gzipped: Buffer | null }>} */
  const answers = new Map();
  const store = (key, status, headers, body) => {
    const type = headers.find(([k]) => k === 'content-type')?.[1] ?? '';
    const gzipped = COMPRESSIBLE.test(type) && body.length > 1024 ? zlib.gzipSync(body) : null;
    answers.set(key, { status, headers, body, gzipped });
  };
  for (const { pathAndQuery, headers } of [{ pathAndQuery: page, headers: {} }, ...requests]) {
    const res = await fetch(`${origin}${pathAndQuery}`, { headers, redirect: 'manual' });
    const kept = [...res.headers].filter(([k]) => !DROP.has(k));
    store(keyOf(pathAndQuery, headers), res.status, kept, Buffer.from(await res.arrayBuffer()));
  }
  const doc = answers.get(keyOf(page, {}));
  if (!doc || doc.status !== 200) throw new Error(`lighthouse baselines: ${page} answered ${doc?.status} when copied`);
  const bare = `/__html-css-only${page}`;
  store(keyOf(bare, {}), 200, doc.headers, Buffer.from(withoutScripts(doc.body.toString('utf8'))));

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      req.resume();
      res.writeHead(204).end();
      return;
    }
    const headers = /** @type {Record<string, string>} */ (Object.fromEntries(VARY.filter((h) => typeof req.headers[h] === 'string').map((h) => [h, String(req.headers[h])])));
    const answer = answers.get(keyOf(req.url ?? '/', headers)) ?? answers.get(keyOf(req.url ?? '/', {}));
    if (!answer) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not in the copy\n');
      return;
    }
    const gzip = answer.gzipped && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const body = gzip ? /** @type {Buffer} */ (answer.gzipped) : answer.body;
    res.writeHead(answer.status, [...answer.headers.flat(), 'content-length', String(body.length), ...(gzip ? ['content-encoding', 'gzip'] : [])]);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('lighthouse baselines: the copy has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    paths: { copy: page, htmlCssOnly: bare },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/**
 * The main thread's blocking after the first contentful paint, as Lighthouse counts it
 * (Σ max(0, slowdown × task − 50 ms) over top-level tasks), from the tasks' wall time and from
 * their CPU time; null when the trace has no navigation of the page or no CPU times.
 * @param {{ traceEvents: any[] }} trace @param {number} fcpMs observed, from the navigation's start @param {number} slowdown
 */
export function blockingAfterPaint(trace, fcpMs, slowdown) {
  const events = trace?.traceEvents ?? [];
  const nav = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame && /^https?:/.test(e.args?.data?.documentLoaderURL ?? ''));
  if (!nav || !Number.isFinite(fcpMs)) return null;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === nav.pid);
  if (!main) return null;
  const from = nav.ts + fcpMs * 1000;
  let wall = 0;
  let cpu = 0;
  let tasks = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || e.pid !== main.pid || e.tid !== main.tid || e.ts < from) continue;
    if (typeof e.tdur !== 'number') return null;
    tasks += 1;
    wall += Math.max(0, (slowdown * e.dur) / 1000 - 50);
    cpu += Math.max(0, (slowdown * e.tdur) / 1000 - 50);
  }
  return tasks === 0 ? null : { wall: Math.round(wall), cpu: Math.round(cpu) };
}
