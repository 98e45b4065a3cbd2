// @ts-check
// Next answers a notFound() from a page (an unknown post, category, tag or author) with
// status 404 and a bare, client-rendered document (`<html id="__next_error__">`, no site
// chrome, no text: vercel/next.js#62228, still open in Next 16 with cacheComponents). A
// reader without JavaScript and a crawler see an empty page. This layer swaps such an answer
// for the document Next renders, fully on the server, for an address no route matches
// (app/not-found.tsx: the site's chrome and "Page not found"), fetched from this server and
// kept `ttlMs`. Status and headers stay Next's, but for the body's encoding and length and
// the headers `headersFor` gives the document (its Content-Security-Policy, server/csp.mjs:
// worked out once per load).

import { holdAnswer } from './held-answer.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** The header the probe request carries, so its own 404 is passed through. */
export const PROBE_HEADER = 'x-quire-not-found-probe';
/** An address no route matches: Next renders app/not-found.tsx for it. */
export const PROBE_PATH = '/_quire/not-found';

const FALLBACK = Buffer.from('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head><body><h1>Page not found</h1><p><a href="/">Home</a></p></body></html>');

const BYPASS_HEADERS = [PROBE_HEADER, 'rsc', 'next-action', 'next-router-prefetch', 'next-router-state-tree', 'next-router-segment-prefetch'];

/** @typedef {{ body: Buffer, headers: Array<[string, string]> }} Document */

/**
 * @param {{ load: () => Promise<string>, headersFor?: (html: string) => Array<[string, string]>, ttlMs?: number, now?: () => number }} options
 *   `load`: the not-found document's HTML (a GET of PROBE_PATH with PROBE_HEADER).
 */
export function createNotFoundPages({ load, headersFor = () => [], ttlMs = 10_000, now = Date.now }) {
  /** @type {{ until: number, document: Document } | null} */
  let cached = null;
  /** @type {Promise<Document> | null} */
  let loading = null;
  /** @type {Document | null} */
  let fallback = null;

  /** @returns {Promise<Document>} */
  function documentBody() {
    if (cached && cached.until > now()) return Promise.resolve(cached.document);
    loading ??= load()
      .then((html) => {
        const document = { body: Buffer.from(html, 'utf8'), headers: headersFor(html) };
        cached = { until: now() + ttlMs, document };
        return document;
      })
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  /**
   * Watches a page request's answer; a 404 HTML answer is replaced once Next ends it (./held-answer.mjs).
   * @param {Request} req @param {Response} res
   */
  function handle(req, res) {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'GET' || path.startsWith('/_next/') || path.startsWith('/api/')) return;
    if (BYPASS_HEADERS.some((h) => req.headers[h] !== undefined)) return;
    holdAnswer(res, {
      hold: () => res.statusCode === 404 && /^text\/html\b/i.test(String(res.getHeader('content-type') ?? '')),
      // Next's bare document is replaced, never read.
      keepBody: false,
      finish: (_, send) => {
        const sendDocument = (/** @type {Document} */ { body, headers }) => {
          for (const [name, value] of headers) res.setHeader(name, value);
          // Next's encoding, length and validator were of its body, not this one.
          for (const name of ['content-encoding', 'content-length', 'etag']) res.removeHeader(name);
          send(body);
        };
        // Without the document (the probe failed), a plain page still says what happened.
        return documentBody().then(sendDocument, () => {
          fallback ??= { body: FALLBACK, headers: headersFor(FALLBACK.toString('utf8')) };
          sendDocument(fallback);
        });
      },
    });
  }

  return { handle, clear: () => void (cached = null) };
}
