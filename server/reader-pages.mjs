// @ts-check
// A signed-in reader's post page without a render (issue 11: signed-in pages at ≥ 0.05 of
// the anonymous page's speed). Next rendered it per request (~50–100 ms for a post with 200
// comments); here it is the signed-in page's shared shell — cached like the anonymous page
// and fetched from this server at most once per post and microcache period — with the
// reader's own layer (their name, and the rows of the comments they wrote, liked or
// reported; a small route, app/api/reader-layer) put in by lib/comments/reader-splice.mjs.
// Anything else goes to Next as before (`next()`): a query string (another sort or page of
// comments, an opened form), a flash waiting for the page, a reader the shell cannot serve
// (banned, with held comments), a shell that is not a 200.

import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { FLASH_COOKIE, hasCookie, hasSessionCookie, SHELL_COOKIE } from '../lib/cookie-names.mjs';
import { spliceReaderPage } from '../lib/comments/reader-splice.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {{ html: string, headers: Record<string, string | string[]> }} Shell */

const POST_PAGE = /^\/post\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const BYPASS_HEADERS = ['rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];
// Headers of the shell's answer that belong to it and not to the reader's page.
const DROP = new Set(['cache-control', 'etag', 'content-length', 'content-encoding', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'vary', 'x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time', 'x-quire-cache', 'age']);
const gzip = promisify(zlib.gzip);

/**
 * @param {{ origin: () => string | null, ttlMs?: number, maxBytes?: number, now?: () => number }} options
 *   origin: where this server answers itself; ttlMs: how long a fetched shell serves (the
 *   microcache's period); every invalidation clears the shells (`clear`).
 */
export function createReaderPages({ origin, ttlMs = 1000, maxBytes = 16 * 1024 * 1024, now = Date.now }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  /** @type {LRUCache<string, { until: number, shell: Shell }>} */
  const shells = new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry) => entry.shell.html.length * 2 || 1 });
  /** @type {Map<string, Promise<Shell | null>>} */
  const fetching = new Map();
  // A shell fetched across an invalidation may predate it: it serves its request but is not kept.
  let generation = 0;

  /** @param {string} path @param {Record<string, string>} headers @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, body: string } | null>} */
  function get(path, headers) {
    const base = origin();
    if (!base) return Promise.resolve(null);
    return new Promise((resolve) => {
      const req = http.get(`${base}${path}`, { agent, headers }, (res) => {
        /** @type {Buffer[]} */
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', () => resolve(null));
      });
      req.on('error', () => resolve(null));
    });
  }

  /** @param {string} slug @returns {Promise<Shell | null>} */
  function shellFor(slug) {
    const kept = shells.get(slug);
    if (kept && kept.until > now()) return Promise.resolve(kept.shell);
    const pending = fetching.get(slug);
    if (pending) return pending;
    const started = generation;
    const promise = get(`/post/${slug}`, { cookie: `${SHELL_COOKIE}=1` }).then((answer) => {
      if (fetching.get(slug) === promise) fetching.delete(slug);
      if (!answer || answer.status !== 200) return null;
      /** @type {Record<string, string | string[]>} */
      const headers = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !DROP.has(name)) headers[name] = value;
      const shell = { html: answer.body, headers };
      if (started === generation) shells.set(slug, { until: now() + ttlMs, shell });
      return shell;
    });
    fetching.set(slug, promise);
    return promise;
  }

  /** @param {string} slug @param {Request} req @returns {Promise<import('../lib/comments/reader-splice.mjs').ReaderParts | null>} */
  async function layerFor(slug, req) {
    const answer = await get(`/api/reader-layer?slug=${slug}`, { cookie: String(req.headers.cookie ?? ''), accept: 'application/json' });
    if (!answer || answer.status !== 200) return null;
    const layer = JSON.parse(answer.body);
    return layer && layer.splice === true ? { nameHtml: String(layer.nameHtml), rows: layer.rows } : null;
  }

  /** The slug of a request this serves, else null. @param {Request} req */
  function slugOf(req) {
    if (req.method !== 'GET') return null;
    const cookie = req.headers.cookie;
    if (!hasSessionCookie(cookie) || hasCookie(cookie, FLASH_COOKIE) || hasCookie(cookie, SHELL_COOKIE)) return null;
    if (BYPASS_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    return POST_PAGE.exec(req.url ?? '')?.[1] ?? null;
  }

  /**
   * Serves a signed-in reader's post page from the shell, or calls `next`.
   * @param {Request} req @param {Response} res @param {() => unknown} next
   */
  async function handle(req, res, next) {
    const slug = slugOf(req);
    if (!slug) return next();
    /** @type {{ shell: Shell, html: string } | null} */
    let page = null;
    try {
      const [shell, layer] = await Promise.all([shellFor(slug), layerFor(slug, req)]);
      const html = shell && layer ? spliceReaderPage(shell.html, layer) : null;
      if (shell && html) page = { shell, html };
    } catch (error) {
      console.error('reader page:', error instanceof Error ? error.message : String(error));
    }
    if (!page) return next();
    const { shell, html } = page;
    const body = Buffer.from(html, 'utf8');
    const zipped = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    const sent = zipped ? await gzip(body, { level: 4 }) : body;
    res.writeHead(200, {
      ...shell.headers,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      vary: 'Cookie, Accept-Encoding',
      'x-quire-cache': 'READER',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
      'content-length': String(sent.length),
    });
    res.end(sent);
    return undefined;
  }

  return {
    handle,
    clear: () => {
      generation += 1;
      shells.clear();
      fetching.clear();
    },
  };
}
