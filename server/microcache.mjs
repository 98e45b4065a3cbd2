// @ts-check
// A one-second shared cache in front of Next, for pages Next itself marks as cacheable
// by a shared cache (Cache-Control: s-maxage). Next's own cache hit still costs route
// matching and a render-cache read (~1,000 req/s on 2 cores); a hit here is a Map lookup
// and one write (~20,000 req/s with wrk, bench/README.md). Only GETs of full HTML pages are considered;
// anything carrying a session (but for LIST_PAGES, below), a server action or an RSC navigation goes to Next.

import { hasCookie, hasSessionCookie, SHELL_COOKIE } from '../lib/cookie-names.mjs';
import { chunkBuffer } from './held-answer.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */
/** @typedef {Record<string, number | string | string[] | undefined>} Headers */

/**
 * Whether the client takes gzip: the microcache's two entries per page (gz, id) and the layers
 * that gzip a page themselves (./csp.mjs, ./reader-pages.mjs) decide alike.
 * @param {Request} req
 */
export function acceptsGzip(req) {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

const BYPASS_HEADERS = ['rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];

// The lists (/blog, a category, a tag: components/post/post-list-page.tsx) and the search
// results (components/post/search-results.tsx) read their query string, so Next renders each
// request (`x-nextjs-postponed: 1`, `Cache-Control: private`): ~90 req/s against ~20,000 for a
// post page from here. Their answer depends on the address alone (nothing in them reads
// cookies or headers, the session included), so the microcache keeps it like a
// shared-cacheable page and serves it to signed-in readers too — for `ttlMs` at most, and
// dropped at every invalidation, since its list's tags are not the page's known tags
// (page-tags.mjs).
export const LIST_PAGES = /^\/(?:blog(?:\/(?:categories|tags)\/[^/?#]+)?|search)\/?(?:\?|$)/;

// Bounded by entries and by bytes (issue 11: every cache bounded by bytes): at most
// `maxBytes` of bodies in all, none over `maxBodyBytes`; the oldest entries go first.
//
// When an entry's time is up, the first request for it goes to Next for a new copy and the
// requests that come meanwhile get the copy that just expired (for at most `graceMs`), as
// nginx's proxy_cache_use_stale updating does: otherwise every connection waiting at that
// moment went to Next at once, each page rendered or compressed and hashed again, and the
// cached page's p99 was 150–210 ms under load (bench/README.md). An invalidation still
// drops entries outright (`clear`): a write is never answered with the page from before it.
// `addressOnly`: the addresses whose per-request answers (Next's postponed renders) may be kept
// too (LIST_PAGES on the production server; none by default).
export function createMicrocache({ ttlMs = 1000, graceMs = 5000, maxEntries = 500, maxBodyBytes = 1024 * 1024, maxBytes = 16 * 1024 * 1024, addressOnly = /** @type {RegExp | null} */ (null), now = Date.now } = {}) {
  /** @type {Map<string, {until: number, status: number, headers: Headers, body: Buffer, refreshing?: boolean, anyWrite?: boolean}>} */
  const entries = new Map();
  let bytes = 0;
  let sweptAt = 0;

  // Entries past their grace are never served again, but were dropped only when asked for or
  // pushed out: a stream of different addresses (searches) kept up to maxBytes of them. At
  // most once per TTL, a store drops them first.
  function sweep() {
    const at = now();
    if (at - sweptAt < ttlMs) return;
    sweptAt = at;
    for (const [key, entry] of entries) if (entry.until + graceMs <= at) remove(key);
  }

  /** @param {string} key */
  function remove(key) {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  }

  /** @param {Request} req @returns {string | null} */
  function keyFor(req) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    if (BYPASS_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
    if (hasCookie(req.headers.cookie, SHELL_COOKIE)) return null;
    // A signed-in reader's list or search results are the anonymous reader's (nothing in them
    // reads the session): one entry serves both. Any other page may differ per reader.
    if (hasSessionCookie(req.headers.cookie) && !addressOnly?.test(req.url ?? '')) return null;
    return `${acceptsGzip(req) ? 'gz' : 'id'} ${req.url}`;
  }

  /** Seconds a shared cache may keep this response, or 0. @param {number} status @param {Headers} headers */
  function sharedMaxAge(status, headers) {
    if (status !== 200 || headers['set-cookie'] !== undefined) return 0;
    const cc = String(headers['cache-control'] ?? '');
    if (/private|no-store|no-cache/i.test(cc)) return 0;
    const match = /s-maxage=(\d+)/i.exec(cc);
    return match ? Number(match[1]) : 0;
  }

  /** A render per request of an address whose answer depends on nothing else (`addressOnly`). @param {string} key @param {number} status @param {Headers} headers */
  function addressOnlyRender(key, status, headers) {
    if (!addressOnly || status !== 200 || headers['set-cookie'] !== undefined || String(headers['x-nextjs-postponed']) !== '1') return false;
    return addressOnly.test(key.slice(key.indexOf(' ') + 1));
  }

  /** True when it kept the answer. @param {string} key @param {Response} res @param {Headers} extraHeaders @param {Buffer[]} chunks */
  function store(key, res, extraHeaders, chunks) {
    const headers = { ...res.getHeaders(), ...extraHeaders };
    const anyWrite = addressOnlyRender(key, res.statusCode, headers);
    const maxAge = anyWrite ? ttlMs / 1000 : sharedMaxAge(res.statusCode, headers);
    if (maxAge <= 0) return false;
    const body = Buffer.concat(chunks);
    if (body.length > maxBodyBytes) return false;
    remove(key);
    sweep();
    for (const oldest of entries.keys()) {
      if (entries.size < maxEntries && bytes + body.length <= maxBytes) break;
      remove(oldest);
    }
    headers['content-length'] = String(body.length);
    headers['x-quire-cache'] = 'HIT';
    entries.set(key, { until: now() + Math.min(ttlMs, maxAge * 1000), status: res.statusCode, headers, body, anyWrite });
    bytes += body.length;
    return true;
  }

  /**
   * Answers from the entry under `key` when it is fresh, or just expired while another request
   * fetches its new copy. Otherwise false; with `claim` (a GET that will fetch and store the
   * page) the expired entry is marked as being refreshed by this request.
   * @param {string} key @param {Request} req @param {Response} res @param {boolean} claim
   */
  function serve(key, req, res, claim) {
    const hit = entries.get(key);
    if (!hit) return false;
    const at = now();
    let stale = false;
    if (hit.until <= at) {
      if (hit.until + graceMs <= at) {
        remove(key);
        return false;
      }
      if (!hit.refreshing) {
        if (claim) hit.refreshing = true;
        return false;
      }
      stale = true;
    }
    // The stored headers are the whole answer's (the security headers and the CSP included).
    res.writeHead(hit.status, stale ? { ...hit.headers, 'x-quire-cache': 'STALE' } : hit.headers);
    res.end(req.method === 'HEAD' ? undefined : hit.body);
    return true;
  }

  /** The request that claimed `key`'s refresh ended without a new copy: the old one goes too. @param {string} key */
  function dropClaimed(key) {
    if (entries.get(key)?.refreshing) remove(key);
  }

  /**
   * Serves from the cache, or calls `next` and records what it sends.
   * @param {Request} req @param {Response} res @param {() => unknown} next
   */
  function handle(req, res, next) {
    const key = keyFor(req);
    if (key === null) return next();
    if (serve(key, req, res, req.method === 'GET')) return undefined;
    if (req.method === 'HEAD') return next();
    // This request refreshes an expired entry (serve claimed it). If its answer is not kept,
    // or is cut short (the client went away), the old copy goes and the next request fetches.
    const claimed = entries.get(key)?.refreshing === true;
    let done = false;
    if (claimed) res.once('close', () => done || dropClaimed(key));
    /** @type {Buffer[]} */
    let chunks = [];
    let collected = 0;
    // Headers passed to writeHead() are not visible through getHeaders(): keep them too.
    /** @type {Headers} */
    const extraHeaders = {};
    // Node's overloaded signatures, taken as they come and passed on unchanged.
    /** @type {(...args: any[]) => any} */
    const writeHead = res.writeHead.bind(res);
    /** @type {(...args: any[]) => any} */
    const write = res.write.bind(res);
    /** @type {(...args: any[]) => any} */
    const end = res.end.bind(res);
    /** @param {unknown} chunk @param {unknown} encoding */
    // A body past maxBodyBytes will not be kept: stop copying it (a large response is not
    // held twice in memory while it streams).
    const collect = (chunk, encoding) => {
      if (collected > maxBodyBytes) return;
      const buffer = chunkBuffer(chunk, encoding);
      if (!buffer) return;
      collected += buffer.length;
      if (collected > maxBodyBytes) chunks = [];
      else chunks.push(buffer);
    };
    res.writeHead = /** @type {Response['writeHead']} */ ((/** @type {number} */ status, /** @type {unknown[]} */ ...rest) => {
      const headers = rest.find((arg) => arg && typeof arg === 'object');
      if (headers && !Array.isArray(headers)) for (const [k, v] of Object.entries(headers)) extraHeaders[k.toLowerCase()] = v;
      return writeHead(status, ...rest);
    });
    res.write = /** @type {Response['write']} */ ((/** @type {unknown} */ chunk, /** @type {unknown[]} */ ...rest) => {
      collect(chunk, rest[0]);
      return write(chunk, ...rest);
    });
    res.end = /** @type {Response['end']} */ ((/** @type {unknown} */ chunk, /** @type {unknown[]} */ ...rest) => {
      collect(chunk, rest[0]);
      done = true;
      const kept = collected <= maxBodyBytes && store(key, res, extraHeaders, chunks);
      if (claimed && !kept) dropClaimed(key);
      return end(chunk, ...rest);
    });
    return next();
  }

  return {
    handle,
    /**
     * The fast path, before any other work on the request: answers a request the cache
     * would take (a GET or HEAD of a page, anonymous but for LIST_PAGES) from a fresh entry. True when it answered.
     * @param {Request} req @param {Response} res
     */
    serveHit(req, res) {
      // A request with a body goes the long way (the body limits answer it).
      if (req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0') return false;
      const key = keyFor(req);
      return key !== null && serve(key, req, res, false);
    },
    /**
     * Drops the entries whose address (path and query) `affected` says an invalidation
     * changed, and every address-only render; every entry without `affected`.
     * @param {(url: string) => boolean} [affected]
     */
    clear: (affected) => {
      for (const [key, entry] of [...entries]) if (!affected || entry.anyWrite || affected(key.slice(key.indexOf(' ') + 1))) remove(key);
    },
    size: () => entries.size,
    bytes: () => bytes,
  };
}
