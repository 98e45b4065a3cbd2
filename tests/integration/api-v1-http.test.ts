import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import type pg from 'pg';
import { hostileString } from '../fixtures/hostile-input';
import { apiValidator, type ApiValidator } from '../helpers/openapi';
import { openDatabase } from './helpers/fixtures';

// The read API's requests on a real PostgreSQL (the rate limit's store): the query
// validation, and the HTTP layer every route goes through (ETag and 304, CORS, 4xx bodies
// as {error}, the 429 with Retry-After), answers checked against the OpenAPI document. The
// data it answers: api-v1.test.ts.

const SITE = 'http://localhost:3000';
const run = randomUUID().slice(0, 8);

let sql: pg.Pool;
let http: typeof import('../../lib/api/http');
let validations: typeof import('../../lib/validations/api');
let validator: ApiValidator;
let close: () => Promise<void>;

before(async () => {
  http = await import('../../lib/api/http');
  validations = await import('../../lib/validations/api');
  validator = apiValidator((await import('../../lib/api/openapi')).openApiDocument(SITE));
  ({ sql, close } = await openDatabase());
});

after(() => close());

test('query validation: unknown, repeated and malformed parameters are refused with a message naming them', () => {
  const parse = (schema: Parameters<typeof validations.parseQuery>[0], q: string) => validations.parseQuery(schema, new URLSearchParams(q));
  const posts = validations.apiPostsQuerySchema;
  assert.deepEqual(parse(posts, ''), { ok: true, value: { limit: 20 } });
  assert.deepEqual(parse(posts, 'categroy=x'), { ok: false, message: 'unknown parameter: categroy' });
  assert.deepEqual(parse(posts, 'limit=1&limit=2'), { ok: false, message: 'limit: given more than once' });
  for (const limit of ['0', '51', '-1', '1.5', 'abc', '', '020']) assert.equal(parse(posts, `limit=${limit}`).ok, false, limit);
  assert.deepEqual(parse(posts, 'limit=50'), { ok: true, value: { limit: 50 } });
  for (const cursor of ['bad', Buffer.from('2025-01-01T00:00:00Z|x|y').toString('base64url'), Buffer.from('yesterday|abc').toString('base64url')]) {
    assert.deepEqual(parse(posts, `cursor=${cursor}`), { ok: false, message: 'cursor: invalid cursor' }, cursor);
  }
  assert.equal(parse(posts, 'category=Not A Slug').ok, false);
  assert.deepEqual(parse(validations.apiCommentsQuerySchema, 'order=top'), { ok: false, message: 'order: Invalid option: expected one of "oldest"|"newest"' });
  assert.equal(parse(validations.apiNoQuerySchema, 'x=1').ok, false);
});

test('query validation never throws: any parameters give a value or a message (fixed seed)', () => {
  const name = fc.constantFrom('cursor', 'limit', 'category', 'tag', 'order', 'x');
  const schemas = [validations.apiPostsQuerySchema, validations.apiCommentsQuerySchema, validations.apiNoQuerySchema];
  fc.assert(
    fc.property(fc.constantFrom(...schemas), fc.array(fc.tuple(name, hostileString()), { maxLength: 4 }), (schema, pairs) => {
      const result = validations.parseQuery(schema as typeof validations.apiNoQuerySchema, new URLSearchParams(pairs));
      return result.ok || (typeof result.message === 'string' && result.message.length > 0);
    }),
    { seed: 13, numRuns: 500 },
  );
});

test('the HTTP layer: JSON with a strong ETag and 304, CORS, 4xx as {error}, preflight', async () => {
  const read = async () => ({ data: [], nextCursor: null, next: null });
  const first = await http.handleApi(new Request(`${SITE}/api/v1/posts`, { headers: { 'x-forwarded-for': `198.51.100.${run.charCodeAt(0)}` } }), read);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('access-control-allow-origin'), '*');
  assert.match(first.headers.get('access-control-expose-headers') ?? '', /ETag/);
  assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
  const etag = first.headers.get('etag') ?? '';
  assert.match(etag, /^"[\w-]{32}"$/);
  assert.equal(validator.check('/api/v1/posts', 200, await first.json()), null);
  const again = await http.handleApi(new Request(`${SITE}/api/v1/posts`, { headers: { 'if-none-match': `"other", W/${etag}` } }), read);
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
  assert.equal((await http.handleApi(new Request(`${SITE}/api/v1/posts`, { headers: { 'if-none-match': '"stale"' } }), read)).status, 200);
  const bad = await http.handleApi(new Request(`${SITE}/api/v1/posts?limit=0`), async () => { throw http.badRequest('limit: too small'); });
  assert.deepEqual([bad.status, bad.headers.get('cache-control')], [400, 'no-store']);
  const badBody = await bad.json();
  assert.deepEqual(badBody, { error: { code: 'bad_request', message: 'limit: too small' } });
  assert.equal(validator.check('/api/v1/posts', 400, badBody), null);
  const missing = await http.handleApi(new Request(`${SITE}/api/v1/posts/none`), async () => { throw http.notFound('No such post.'); });
  assert.deepEqual([missing.status, await missing.json()], [404, { error: { code: 'not_found', message: 'No such post.' } }]);
  await assert.rejects(http.handleApi(new Request(`${SITE}/api/v1/site`), async () => { throw new Error('unexpected'); }), /unexpected/);
  const pre = http.preflight();
  assert.deepEqual([pre.status, pre.headers.get('access-control-allow-methods')], [204, 'GET, HEAD, OPTIONS']);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /If-None-Match/);
});

test('the rate limit: an address past its budget gets 429 with Retry-After and a JSON message; another address does not', async () => {
  const ip = `203.0.113.${Math.floor(Math.random() * 250)}-${run}`;
  const req = (from: string) => new Request(`${SITE}/api/v1/site`, { headers: { 'x-forwarded-for': from } });
  const read = async () => ({ ok: true });
  const statuses: number[] = [];
  for (let i = 0; i < 301; i++) statuses.push((await http.handleApi(req(ip), read)).status);
  assert.deepEqual([statuses.slice(0, 300).every((s) => s === 200), statuses[300]], [true, 429]);
  const refused = await http.handleApi(req(ip), read);
  const retry = Number(refused.headers.get('retry-after'));
  assert.ok(refused.status === 429 && retry >= 1 && retry <= 60, `${refused.status} ${retry}`);
  assert.equal(refused.headers.get('access-control-expose-headers')?.includes('Retry-After'), true);
  const body = await refused.json();
  assert.equal(body.error.code, 'rate_limited');
  assert.equal(validator.check('/api/v1/site', 429, body), null);
  assert.equal((await http.handleApi(req(`${ip}-other`), read)).status, 200);
  // Refusals past the budget come from memory: the stored count stopped at the budget.
  const { rows } = await sql.query<{ points: number }>('SELECT points FROM rate_limits WHERE key = $1', [`apiReadIp:${ip}`]);
  assert.deepEqual(rows, [{ points: 300 }]);
});
