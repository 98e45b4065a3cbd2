// @ts-check
// The production server's defences that are not about any one page: the security headers on
// every answer (lib/hardening.mjs; HSTS when SITE_URL is https), the connection timeouts
// (slow-loris: a client that sends its headers or body a byte at a time), the body limit
// (413 before Next reads a byte), and the "busy" answer of a request whose password work was
// refused (lib/auth/password-work.ts → server/hooks.mjs answerBusy → 503 with Retry-After).

import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { BODY_LIMIT_BYTES, hstsHeader, SECURITY_HEADERS, UPLOAD_PATHS } from '../lib/hardening.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/**
 * A whole number of milliseconds from the environment, or `fallback`; exits with one line naming the variable otherwise.
 * @param {string} name @param {number} fallback @param {number} min
 */
function ms(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`error: ${name} must be a whole number of milliseconds ≥ ${min}`);
    process.exit(1);
  }
  return value;
}

/**
 * Node's server timeouts from HEADERS_TIMEOUT_MS (10 s: all the headers of a request; a
 * connection that sends nothing at all is cut off after the same time), REQUEST_TIMEOUT_MS
 * (300 s: the whole request, body included; an import upload of 200 MB must fit) and
 * KEEP_ALIVE_TIMEOUT_MS (5 s: an idle kept-alive connection). Node checks them every
 * `connectionsCheckingInterval`, a quarter of the headers timeout at most.
 */
export function serverTimeouts() {
  const headersTimeout = ms('HEADERS_TIMEOUT_MS', 10_000, 1000);
  const requestTimeout = Math.max(ms('REQUEST_TIMEOUT_MS', 300_000, 1000), headersTimeout);
  const keepAliveTimeout = ms('KEEP_ALIVE_TIMEOUT_MS', 5_000, 1000);
  return { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval: Math.min(Math.ceil(headersTimeout / 4), 5000) };
}

/**
 * An HTTP server with those timeouts. They must be given to createServer: Node 20 reads
 * the headers and request timeouts when the server is made, and setting the properties
 * afterwards leaves idle and slow-loris connections open for good (found by the 500-idle-
 * connections test: none was cut off). keepAliveTimeout is read per response.
 * @param {import('node:http').RequestListener} listener
 */
export function createTimedServer(listener) {
  const { keepAliveTimeout, ...options } = serverTimeouts();
  const server = http.createServer(options, listener);
  server.keepAliveTimeout = keepAliveTimeout;
  return server;
}

/** Sets the security headers on `res` (Next sets the same ones again on what it answers). */
export function createHeaders() {
  const hsts = hstsHeader(process.env.SITE_URL, process.env.HSTS_MAX_AGE);
  const headers = hsts ? [...SECURITY_HEADERS, /** @type {const} */ (['Strict-Transport-Security', hsts])] : SECURITY_HEADERS;
  /** @param {Response} res */
  return (res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
  };
}

/**
 * Refuses a body over the limit by its Content-Length (413), and a body of unknown length
 * (chunked) to a route that is not an upload (411: browsers always send the length of a form
 * or fetch body), so that no body over the limit reaches Next. True when it answered.
 * @param {Request} req @param {Response} res
 */
export function refuseLargeBody(req, res) {
  const path = (req.url ?? '').split('?')[0] ?? '';
  if (UPLOAD_PATHS.includes(path)) return false;
  const declared = req.headers['content-length'];
  const chunked = declared === undefined && req.headers['transfer-encoding'] !== undefined;
  if (!chunked && (declared === undefined || Number(declared) <= BODY_LIMIT_BYTES)) return false;
  const status = chunked ? 411 : 413;
  const message = chunked ? 'Send the request body with a Content-Length.' : `The request body is too large (${BODY_LIMIT_BYTES / 1024 / 1024} MB at most).`;
  const json = path.startsWith('/api/');
  // The body is not read: the connection closes after the answer.
  res.writeHead(status, { 'content-type': json ? 'application/json' : 'text/plain', 'cache-control': 'no-store', connection: 'close' });
  res.end(json ? JSON.stringify({ error: message }) : `${message}\n`);
  return true;
}

/** @type {AsyncLocalStorage<{ retryAfterS?: number }>} */
const requests = new AsyncLocalStorage();

/**
 * Runs `handle` so that the app can mark the request as refused for load (`answerBusy`): its
 * answer then carries Retry-After, and is a 503 unless it is a plain form post's redirect
 * back to the form (which shows the wait and keeps what was typed: lib/form-flash.ts).
 * @param {Request} req @param {Response} res @param {() => unknown} handle
 */
export function withBusyAnswer(req, res, handle) {
  if (req.method !== 'POST') return handle();
  /** @type {{ retryAfterS?: number }} */
  const state = {};
  /** @type {(...args: any[]) => Response} */
  const writeHead = res.writeHead.bind(res);
  res.writeHead = /** @type {Response['writeHead']} */ ((/** @type {number} */ status, /** @type {unknown[]} */ ...rest) => {
    if (state.retryAfterS === undefined) return writeHead(status, ...rest);
    res.setHeader('Retry-After', String(state.retryAfterS));
    return writeHead(status >= 300 && status < 400 ? status : 503, ...rest);
  });
  return requests.run(state, handle);
}

/** The answerBusy hook (server/hooks.mjs). @param {number} retryAfterS */
export function answerBusy(retryAfterS) {
  const state = requests.getStore();
  if (state) state.retryAfterS = retryAfterS;
}
