import 'server-only';
import { createHash } from 'node:crypto';
import { connection } from 'next/server';
import { consume } from '@/lib/rate-limit';
import { etagMatches } from '@/lib/media/etag';
import { clientAddress } from '@/lib/views/visitor.mjs';
import type { ApiErrorCode } from './schemas';

// What every /api/v1 handler shares: the per-address rate limit, CORS for any origin
// (the API is public and read-only, and sends no cookies back), JSON with a strong ETag
// so a client polling with If-None-Match gets a 304 without the body, and errors as
// {error: {code, message}} with a 4xx status.

const CORS = {
  'Access-Control-Allow-Origin': '*',
  // Scripts on other origins may read these (the defaults leave out ETag and Retry-After).
  'Access-Control-Expose-Headers': 'ETag, Retry-After',
} as const;

// "no-cache": a client (or a shared cache) may keep the answer but asks again before
// using it; the 304 is cheap, served from the same cached read.
const CACHE_CONTROL = 'public, no-cache';
const NO_STORE = 'no-store';

export class ApiError extends Error {
  constructor(
    readonly status: 400 | 404,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new ApiError(400, 'bad_request', message);
export const notFound = (message: string) => new ApiError(404, 'not_found', message);

export function errorResponse(status: number, code: ApiErrorCode, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ error: { code, message } }, { status, headers: { ...CORS, 'Cache-Control': NO_STORE, ...headers } });
}

/** The answer to a CORS preflight: GET from anywhere, with the conditional header. */
export function preflight(): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...CORS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'If-None-Match, Content-Type',
      'Access-Control-Max-Age': '86400',
    },
  });
}

/** JSON with a strong ETag from its bytes, or a bodiless 304 when the client's copy is current. */
export function jsonResponse(request: Request, body: unknown): Response {
  const text = JSON.stringify(body);
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"`;
  const headers = { ...CORS, ETag: etag, 'Cache-Control': CACHE_CONTROL };
  const ifNoneMatch = request.headers.get('if-none-match');
  if (ifNoneMatch !== null && etagMatches(ifNoneMatch, etag)) return new Response(null, { status: 304, headers });
  return new Response(text, { headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' } });
}

/** Counts the request against its address's budget; a 429 answer when it is spent. */
async function rateLimited(request: Request): Promise<Response | null> {
  // The production server sets X-Forwarded-For from the socket unless TRUST_PROXY (lib/request.ts).
  const ip = clientAddress(request.headers.get('x-forwarded-for'));
  let result;
  try {
    result = await consume(['apiReadIp', ip]);
  } catch (error) {
    // Reads fail open: the pages these mirror stay up when the limiter's table cannot be
    // reached, and so does the API (the answers come from the cache).
    console.error('api rate limit unavailable:', error);
    return null;
  }
  if (result.ok) return null;
  return errorResponse(429, 'rate_limited', `Too many requests: try again in ${result.retryAfterS} s.`, { 'Retry-After': String(result.retryAfterS) });
}

export type ApiRead = (url: URL) => Promise<unknown>;

/**
 * Answers one GET: rate limit, then `read`, whose value is answered as JSON; an ApiError
 * thrown by it becomes its 4xx. Anything else is unexpected and propagates.
 */
export async function handleApi(request: Request, read: ApiRead): Promise<Response> {
  const limited = await rateLimited(request);
  if (limited) return limited;
  try {
    return jsonResponse(request, await read(new URL(request.url)));
  } catch (error) {
    if (error instanceof ApiError) return errorResponse(error.status, error.code, error.message);
    throw error;
  }
}

/** A route's GET: per request, as the answer depends on the client's validators and address. */
export async function serveApi(request: Request, read: ApiRead): Promise<Response> {
  await connection();
  return handleApi(request, read);
}
