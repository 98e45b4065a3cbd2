// @ts-check
// A signed-in reader's post page without a render (issue 11: signed-in pages at ≥ 0.05 of
// the anonymous page's speed). Next rendered it per request (~50–100 ms for a post with 200
// comments); here it is the signed-in page's shared shell — rendered by Next for no reader
// in particular, fetched from this server at most once per post and shell period, dropped
// at every invalidation of its post — with the reader's own layer put in by
// lib/comments/reader-splice.mjs: their name, the post's heart as they left it
// (lib/posts/like-heart.mjs), and the rows of the comments they wrote, liked or reported
// (lib/comments/controls.mjs), and the counts of the post and its cards as they are now
// (lib/posts/counters.mjs; all from the shell's own templates; one query,
// lib/comments/reader-store.mjs). Anything else goes to Next as before (`next()`): a query
// string (another sort or page of comments, an opened form), a flash waiting for the page,
// a session that is not valid, a reader the shell cannot serve (banned, with held
// comments), a shell that is not a 200.

import http from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { decodeSessionToken, DEFAULT_READER_NAME, sessionSuperseded } from '../lib/auth/session-token.mjs';
import { controlsRow } from '../lib/comments/controls.mjs';
import { readerNameHtml } from '../lib/comments/reader-name.mjs';
import { counterTexts } from '../lib/posts/counters.mjs';
import { heartHtml } from '../lib/posts/like-heart.mjs';
import { prepareShell, readerPageChunks } from '../lib/comments/reader-splice.mjs';
import { acceptsGzip } from './microcache.mjs';
import { cookieValue, FLASH_COOKIE, hasCookie, hasSessionCookie, SECURE_SESSION_COOKIE, SESSION_COOKIE, SHELL_COOKIE } from '../lib/cookie-names.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {{ prepared: import('../lib/comments/reader-splice.mjs').PreparedShell, headers: Record<string, string | string[]> }} Shell */

const POST_PAGE = /^\/post\/([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const BYPASS_HEADERS = ['rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];
// Headers of the shell's answer that belong to it and not to the reader's page.
const DROP = new Set(['cache-control', 'etag', 'content-length', 'content-encoding', 'set-cookie', 'date', 'connection', 'keep-alive', 'transfer-encoding', 'vary', 'x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time', 'x-quire-cache', 'age']);
const gzip = promisify(zlib.gzip);

/**
 * @param {{ origin: () => string | null, store: ReturnType<typeof import('../lib/comments/reader-store.mjs').createReaderStore>, secret: string, ttlMs?: number, maxBytes?: number, now?: () => number }} options
 *   origin: where this server answers itself; store: the readers' comments; secret: the
 *   session cookies' (AUTH_SECRET); ttlMs: how long a fetched shell serves; every
 *   invalidation clears the shells (`clear`).
 */
export function createReaderPages({ origin, store, secret, ttlMs = 1000, maxBytes = 16 * 1024 * 1024, now = Date.now }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });
  /** @type {LRUCache<string, { until: number, shell: Shell }>} */
  const shells = new LRUCache({ maxSize: maxBytes, sizeCalculation: (entry) => entry.shell.prepared.bytes || 1 });
  // A shell fetched across an invalidation of its post may predate it: the invalidation
  // takes it out of `fetching`, and a fetch no longer there serves its request but is not kept.
  /** @type {Map<string, Promise<Shell | null>>} */
  const fetching = new Map();

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

  /** Fetches the post's shell and keeps it, unless an invalidation came meanwhile. @param {string} slug @returns {Promise<Shell | null>} */
  function fetchShell(slug) {
    const promise = get(`/post/${slug}`, { cookie: `${SHELL_COOKIE}=1` }).then((answer) => {
      const current = fetching.get(slug) === promise;
      if (current) fetching.delete(slug);
      const prepared = answer?.status === 200 ? prepareShell(answer.body) : null;
      if (!answer || !prepared) {
        if (current) shells.delete(slug);
        return null;
      }
      /** @type {Record<string, string | string[]>} */
      const headers = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !DROP.has(name)) headers[name] = value;
      const shell = { prepared, headers };
      if (current) shells.set(slug, { until: now() + ttlMs, shell });
      return shell;
    });
    fetching.set(slug, promise);
    return promise;
  }

  /**
   * The post's shell. One past its period but not yet twice as old still serves while its
   * successor is fetched (nobody waits for that render). An invalidation drops the shell
   * outright and the counts are the reader's own layer, so its period can be minutes: only
   * what a page shows without a tag to invalidate it (the counts in its structured data) lags.
   * @param {string} slug @returns {Promise<Shell | null>}
   */
  function shellFor(slug) {
    const kept = shells.get(slug);
    const at = now();
    if (kept && kept.until > at) return Promise.resolve(kept.shell);
    const pending = fetching.get(slug) ?? fetchShell(slug);
    return kept && kept.until + ttlMs > at ? Promise.resolve(kept.shell) : pending;
  }

  /**
   * The reader's name, heart and comment rows on the post, and the counts of the moment, or null when the shell cannot serve them.
   * @param {string} slug @param {Request} req @param {Shell} shell
   * @returns {Promise<import('../lib/comments/reader-splice.mjs').ReaderParts | null>}
   */
  async function layerFor(slug, req, { prepared: { data, countKeys, postIds } }) {
    const cookie = req.headers.cookie;
    const session = await decodeSessionToken(cookieValue(cookie, SECURE_SESSION_COOKIE) ?? cookieValue(cookie, SESSION_COOKIE), secret);
    if (!session) return null;
    const reader = await store.readerOn(slug, session.userId, new Date(now() - data.editWindowMs), data.counters ? postIds : []);
    if (!reader || reader.banned || reader.held || sessionSuperseded(session, reader)) return null;
    const set = (/** @type {(c: import('../lib/comments/reader-store.mjs').ReaderComment) => boolean} */ pick) => new Set(reader.comments.filter(pick).map((c) => c.id));
    const row = { viewerId: session.userId, canWrite: true, open: data.open, liked: set((c) => c.liked), reported: set((c) => c.reported), editable: set((c) => c.editable), replyTo: null, reportOn: null, editOn: null };
    /** @type {Record<string, string>} */
    const rows = {};
    for (const c of reader.comments) rows[c.id] = controlsRow(c.id, c, row, data.templates);
    const likeHtml = data.heart && reader.post ? heartHtml(data.heart, reader.post.liked, reader.post.likeCount) : undefined;
    const counts = data.counters ? counterTexts(data.counters, countKeys, reader.counts) : undefined;
    return { nameHtml: readerNameHtml(reader.name ?? DEFAULT_READER_NAME), rows, likeHtml, counts };
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
    /** @type {{ shell: Shell, chunks: Buffer[] } | null} */
    let page = null;
    // Why Next renders this one instead (x-quire-reader on its answer): no shell, no layer for this reader, or an error.
    let fallback = 'error';
    try {
      const shell = await shellFor(slug);
      const layer = shell ? await layerFor(slug, req, shell) : null;
      if (shell && layer) page = { shell, chunks: readerPageChunks(shell.prepared, layer) };
      else fallback = shell ? 'no-layer' : 'no-shell';
    } catch (error) {
      console.error('reader page:', error instanceof Error ? error.message : String(error));
    }
    if (!page) {
      res.setHeader('x-quire-reader', fallback);
      return next();
    }
    const { shell, chunks } = page;
    const zipped = acceptsGzip(req);
    // Compressed, the page is one new buffer anyway; plain, its chunks go out as they are, in one writev.
    const sent = zipped ? [await gzip(Buffer.concat(chunks), { level: 4 })] : chunks;
    res.writeHead(200, {
      ...shell.headers,
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'private, no-cache, no-store, max-age=0, must-revalidate',
      vary: 'Cookie, Accept-Encoding',
      'x-quire-cache': 'READER',
      ...(zipped ? { 'content-encoding': 'gzip' } : {}),
      'content-length': String(sent.reduce((sum, chunk) => sum + chunk.length, 0)),
    });
    res.cork();
    for (const chunk of sent) res.write(chunk);
    res.end();
    res.uncork();
    return undefined;
  }

  return {
    handle,
    /**
     * Drops the shells of the posts whose page `affected` says an invalidation changed (every
     * shell without it), fetched or being fetched.
     * @param {(path: string) => boolean} [affected]
     */
    clear: (affected) => {
      for (const slug of [...shells.keys(), ...fetching.keys()]) {
        if (affected && !affected(`/post/${slug}`)) continue;
        shells.delete(slug);
        fetching.delete(slug);
      }
    },
  };
}
