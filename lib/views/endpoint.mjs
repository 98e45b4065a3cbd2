// @ts-check
import { MAX_BEACON_BYTES, parseViewBeacon } from '../validations/views.mjs';
import { clientAddress, isCountableAgent, isPrefetch } from './visitor.mjs';

// The view beacon, independent of the HTTP framework. POST {"postId": "…"} after the
// page has loaded (navigator.sendBeacon), or GET ?p=… from the <noscript> pixel.
// 204 (or the pixel) when accepted, whether or not it counted: bots are not told they
// were skipped. 4xx for a bad beacon, which is never counted.
// `handleViewsRequest` serves it from node:http (the production server, before Next);
// app/api/views/route.ts serves it through Next (`npm run dev`, plain `next start`).

export const VIEWS_PATH = '/api/views';

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * @typedef {{
 *   method: string,
 *   body: string | null,        // null when the body was larger than MAX_BEACON_BYTES
 *   pixelPostId: string | null, // the ?p= of a GET
 *   userAgent: string | null,
 *   purpose: string | null,
 *   forwardedFor: string | null,
 *   socketAddress?: string | null,
 * }} BeaconRequest
 * @typedef {{ status: number, headers: Record<string, string>, body: string | Buffer | null }} BeaconResponse
 */

/**
 * @param {number} status
 * @param {string} error
 * @returns {BeaconResponse}
 */
function problem(status, error) {
  return { status, headers: { ...NO_STORE, 'Content-Type': 'application/json' }, body: JSON.stringify({ error }) };
}

/**
 * @param {import('./store.mjs').ViewStore} store
 * @param {BeaconRequest} request
 * @returns {Promise<BeaconResponse>}
 */
export async function acceptBeacon(store, request) {
  const isPixel = request.method === 'GET' || request.method === 'HEAD';
  if (!isPixel && request.method !== 'POST') return { ...problem(405, 'Use POST (beacon) or GET (pixel)'), headers: { ...NO_STORE, 'Content-Type': 'application/json', Allow: 'GET, POST' } };
  if (request.body === null) return problem(413, `Beacon too large (max ${MAX_BEACON_BYTES} bytes)`);
  const parsed = parseViewBeacon(isPixel ? JSON.stringify({ postId: request.pixelPostId ?? '' }) : request.body);
  if (!parsed.ok) return problem(parsed.status, parsed.error);
  if (!isPrefetch(request.purpose) && isCountableAgent(request.userAgent)) {
    const address = clientAddress(request.forwardedFor, request.socketAddress);
    const result = await store.recordView(parsed.postId, address, request.userAgent ?? '');
    if (result === 'unknown-post') return problem(404, 'Unknown post');
  }
  if (isPixel) return { status: 200, headers: { ...NO_STORE, 'Content-Type': 'image/gif' }, body: PIXEL };
  return { status: 204, headers: NO_STORE, body: null };
}

/**
 * Reads a request body up to `limit` bytes; null when it is longer.
 * @param {import('node:http').IncomingMessage} req
 * @param {number} limit
 * @returns {Promise<string | null>}
 */
function readBody(req, limit) {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    req.on('data', (/** @type {Buffer} */ chunk) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

/**
 * @param {string | string[] | undefined} value
 * @returns {string | null}
 */
function header(value) {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

/**
 * Serves the beacon on a node:http request whose path is VIEWS_PATH.
 * @param {import('./store.mjs').ViewStore} store
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export async function handleViewsRequest(store, req, res) {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = req.method === 'POST' ? await readBody(req, MAX_BEACON_BYTES) : '';
    const response = await acceptBeacon(store, {
      method: req.method ?? 'GET',
      body,
      pixelPostId: url.searchParams.get('p'),
      userAgent: header(req.headers['user-agent']),
      purpose: header(req.headers['sec-purpose']) ?? header(req.headers['purpose']),
      forwardedFor: header(req.headers['x-forwarded-for']),
      socketAddress: req.socket.remoteAddress ?? null,
    });
    // An oversize body is not read to its end: close the connection rather than drain it.
    if (body === null) res.setHeader('Connection', 'close');
    res.writeHead(response.status, response.headers);
    res.end(req.method === 'HEAD' ? undefined : (response.body ?? undefined));
  } catch (error) {
    console.error('view beacon failed:', error);
    if (!res.headersSent) res.writeHead(503, { ...NO_STORE, 'Content-Type': 'application/json', 'Retry-After': '5' });
    res.end(JSON.stringify({ error: 'Views are unavailable right now' }));
  }
}
