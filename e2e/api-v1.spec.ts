import { randomUUID } from 'node:crypto';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import fc from 'fast-check';
import { hostilePathSegment } from '../tests/fixtures/hostile-input';
import { apiValidator, type ApiValidator } from '../tests/helpers/openapi';
import { expect, randomAddress, test } from './helpers/fixtures';
import { createUser, db, sessionCookieHeader, type TestUser } from './helpers/users';
import { PUBLISHED_POSTS, SEED_BODY_SENTENCE, SEED_SLUG } from './helpers/site';

// The public read API on the production server, as another app uses it: every endpoint
// walked, cursors followed to the end, every answer (errors included) validated against
// the OpenAPI document the site serves, 304 on a repeated ETag, CORS, and nothing a
// reader may not see. Writes a post of its own (runs with the publishing specs).

type Json = Record<string, unknown> & { data?: Json[]; next?: string | null };
const run = randomUUID().slice(0, 8);
const own = { slug: `api-v1-${run}`, draft: `api-v1-draft-${run}`, id: '', comments: {} as Record<string, string> };
const SECRETS = ['HELD-TEXT', 'HIDDEN-TEXT', 'DELETED-TEXT', 'HELD-REPLY-TEXT', '@example.test'];
let validator: ApiValidator;
let reader: TestUser;

async function insertComment(author: string, status: string, text: string, minute: number, parent?: string): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db().query(
    `INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at)
     VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, timestamp '2025-06-01' + make_interval(mins => $9))`,
    [id, own.id, author, parent ?? null, parent ? 1 : 0, text, `<p>${text}</p>`, status, minute],
  );
  return id;
}

test.beforeAll(async ({ request }) => {
  const author = await createUser({ role: 'AUTHOR' });
  reader = await createUser({ role: 'MEMBER' });
  const insertPost = `INSERT INTO posts (id, slug, title, body, status, published_at, author_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`;
  own.id = `p${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db().query(insertPost, [own.id, own.slug, `API ${run}`, `Body **${run}** with [a link](/blog).`, 'PUBLISHED', new Date('2019-01-01'), author.id]);
  await db().query(insertPost, [`p${randomUUID().replaceAll('-', '').slice(0, 24)}`, own.draft, `Draft ${run}`, 'Secret draft.', 'DRAFT', null, author.id]);
  const c = own.comments;
  for (let i = 1; i <= 3; i++) c[`visible${i}`] = await insertComment(reader.id, 'VISIBLE', `Visible ${i} ${run}`, i * 10);
  c.held = await insertComment(reader.id, 'HELD', `HELD-TEXT ${run}`, 41);
  c.hidden = await insertComment(reader.id, 'HIDDEN', `HIDDEN-TEXT ${run}`, 42);
  c.underHidden = await insertComment(reader.id, 'VISIBLE', `Under hidden ${run}`, 43, c.hidden);
  c.deleted = await insertComment(reader.id, 'DELETED', `DELETED-TEXT ${run}`, 44);
  c.heldReply = await insertComment(reader.id, 'HELD', `HELD-REPLY-TEXT ${run}`, 45, c.visible1);
  const doc = await request.get('/api/v1/openapi.json');
  expect(doc.status()).toBe(200);
  validator = apiValidator(await doc.json());
});

/** GETs `path` (or a full URL), checks CORS and the body against the document, returns the body. */
async function getValid(request: APIRequestContext, path: string, status = 200): Promise<{ body: Json; response: APIResponse }> {
  const response = await request.get(path, { headers: { Origin: 'https://another-app.example' } });
  expect(response.status(), path).toBe(status);
  expect(response.headers()['access-control-allow-origin'], path).toBe('*');
  expect(response.headers()['content-type'], path).toMatch(/^application\/json/);
  const body = (await response.json()) as Json;
  expect(validator.check(new URL(path, 'http://x').pathname, status, body), path).toBeNull();
  return { body, response };
}

async function walk(request: APIRequestContext, first: string): Promise<Json[]> {
  const items: Json[] = [];
  let next: string | null | undefined = first;
  for (let pages = 0; next; pages++) {
    expect(pages, 'a cursor loop').toBeLessThan(50);
    const { body } = await getValid(request, next);
    items.push(...(body.data ?? []));
    next = body.next;
  }
  return items;
}

test('site, categories and tags; each term’s posts link filters the list', async ({ request }) => {
  const { body: site } = await getValid(request, '/api/v1/site');
  expect((site.api as Json).openapi).toMatch(/\/api\/v1\/openapi\.json$/);
  const { body: categories } = await getValid(request, '/api/v1/categories');
  const careers = categories.data?.find((t) => t.slug === 'careers');
  expect(careers).toBeTruthy();
  const inCareers = await walk(request, String(careers?.posts));
  expect(inCareers.length).toBeGreaterThan(0);
  const detail = (await getValid(request, String(inCareers[0]?.api))).body;
  expect((detail.categories as Json[]).map((c) => c.slug)).toContain('careers');
  const { body: tags } = await getValid(request, '/api/v1/tags');
  const pmo = tags.data?.find((t) => t.slug === 'pmo');
  const tagged = await walk(request, `${String(pmo?.posts)}&limit=1`);
  for (const post of tagged) expect(((await getValid(request, String(post.api))).body.tags as Json[]).map((t) => t.slug)).toContain('pmo');
});

test('posts: cursors walk every published post once, newest first; no draft; one post as HTML and markdown', async ({ request }) => {
  const posts = await walk(request, '/api/v1/posts?limit=5');
  const slugs = posts.map((p) => String(p.slug));
  expect(new Set(slugs).size).toBe(slugs.length);
  expect(slugs.length).toBeGreaterThanOrEqual(PUBLISHED_POSTS);
  expect(slugs).toContain(SEED_SLUG);
  expect(slugs).not.toContain(own.draft);
  const times = posts.map((p) => Date.parse(String(p.publishedAt)));
  expect(times).toEqual([...times].sort((a, b) => b - a));
  const { body: seed } = await getValid(request, `/api/v1/posts/${SEED_SLUG}`);
  expect(seed.html).toContain(SEED_BODY_SENTENCE);
  expect(String(seed.markdown).length).toBeGreaterThan(100);
  expect([...String(seed.html).matchAll(/\s(?:href|src)="([^"#][^"]*)"/g)].map((m) => m[1]).filter((u) => !/^https?:/.test(u ?? ''))).toEqual([]);
  const { body: mine } = await getValid(request, `/api/v1/posts/${own.slug}`);
  expect(mine.markdown).toBe(`Body **${run}** with [a link](/blog).`);
  expect(mine.html).toMatch(/href="http[^"]+\/blog"/);
});

test('comments: threads by cursor, no held, hidden or deleted text, a hidden parent only as an empty placeholder', async ({ request }) => {
  for (const order of ['oldest', 'newest']) {
    const response = await request.get(`/api/v1/posts/${own.slug}/comments?limit=2&order=${order}`);
    const text = await response.text();
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    const threads = await walk(request, `/api/v1/posts/${own.slug}/comments?limit=2&order=${order}`);
    const ids = threads.map((t) => t.id);
    const expected = [own.comments.visible1, own.comments.visible2, own.comments.visible3, own.comments.hidden];
    expect(ids).toEqual(order === 'oldest' ? expected : [...expected].reverse());
    const hidden = threads.find((t) => t.id === own.comments.hidden);
    expect([hidden?.state, hidden?.html, hidden?.author]).toEqual(['removed', null, null]);
    expect((hidden?.replies as Json[]).map((r) => r.id)).toEqual([own.comments.underHidden]);
    expect(threads.find((t) => t.id === own.comments.visible1)?.replies).toEqual([]);
    expect(JSON.stringify(threads)).not.toMatch(new RegExp(`${own.comments.held}|${own.comments.deleted}|${own.comments.heldReply}`));
  }
});

test('a repeated ETag gets 304 without a body; another gets the answer', async ({ request }) => {
  for (const path of ['/api/v1/site', `/api/v1/posts/${own.slug}`, `/api/v1/posts/${own.slug}/comments`, '/api/v1/posts?limit=3', '/api/v1/tags', '/api/v1/openapi.json']) {
    await expect(async () => {
      const first = await request.get(path);
      const etag = first.headers().etag ?? '';
      expect(etag, path).toMatch(/^"[\w-]+"$/);
      expect(first.headers()['access-control-expose-headers'], path).toContain('ETag');
      const again = await request.get(path, { headers: { 'If-None-Match': etag } });
      expect(again.status(), path).toBe(304);
      expect((await again.body()).length, path).toBe(0);
      expect((await request.get(path, { headers: { 'If-None-Match': '"stale"' } })).status(), path).toBe(200);
    }).toPass({ timeout: 30_000 });
  }
});

test('CORS preflight: GET from any origin, with If-None-Match', async ({ request }) => {
  const response = await request.fetch('/api/v1/posts', {
    method: 'OPTIONS',
    headers: { Origin: 'https://another-app.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
  });
  expect(response.status()).toBe(204);
  expect(response.headers()['access-control-allow-origin']).toBe('*');
  expect(response.headers()['access-control-allow-methods']).toContain('GET');
  expect(response.headers()['access-control-allow-headers']?.toLowerCase()).toContain('if-none-match');
});

test('bad input is a 400 and an unknown post a 404, both {error: {code, message}}; never a 500', async ({ request }) => {
  const bad: [string, RegExp][] = [
    ['/api/v1/posts?limit=0', /^limit:/],
    ['/api/v1/posts?limit=51', /^limit:/],
    ['/api/v1/posts?limit=abc', /^limit:/],
    ['/api/v1/posts?cursor=not-a-cursor', /^cursor: invalid cursor$/],
    ['/api/v1/posts?categroy=careers', /^unknown parameter: categroy$/],
    ['/api/v1/posts?category=no-such-category', /^category: no category/],
    ['/api/v1/posts?tag=no-such-tag', /^tag: no tag/],
    ['/api/v1/posts?limit=1&limit=2', /^limit: given more than once$/],
    [`/api/v1/posts/${own.slug}/comments?order=top`, /^order:/],
    [`/api/v1/posts/${own.slug}/comments?cursor=%00`, /^cursor:/],
    ['/api/v1/site?x=1', /^unknown parameter: x$/],
  ];
  for (const [path, message] of bad) {
    const { body, response } = await getValid(request, path, 400);
    expect((body.error as Json).code, path).toBe('bad_request');
    expect((body.error as Json).message, path).toMatch(message);
    expect(response.headers()['cache-control'], path).toBe('no-store');
  }
  for (const path of [`/api/v1/posts/${own.draft}`, '/api/v1/posts/no-such-post', '/api/v1/posts/Not_A_Slug', `/api/v1/posts/${own.draft}/comments`]) {
    const { body } = await getValid(request, path, 404);
    expect(body.error).toEqual({ code: 'not_found', message: 'No such post.' });
  }
  const unknown = await request.get('/api/v1/no-such-endpoint');
  expect(unknown.status()).toBe(404);
  expect(validator.component('Error')(await unknown.json())).toBe(true);
});

test('cached like the pages: a new comment is in the thread list at once, under a new ETag', async ({ request }) => {
  const path = `/api/v1/posts/${own.slug}/comments?order=newest&limit=1`;
  const before = await request.get(path);
  const etag = before.headers().etag ?? '';
  const text = `Fresh ${run} ${Date.now()}`;
  const posted = await request.post('/api/comments', { headers: { Cookie: await sessionCookieHeader(reader) }, data: { postId: own.id, body: text } });
  expect(posted.status(), await posted.text()).toBe(201);
  const after = await request.get(path, { headers: { 'If-None-Match': etag } });
  expect(after.status()).toBe(200);
  const body = (await after.json()) as Json;
  expect(validator.check(`/api/v1/posts/${own.slug}/comments`, 200, body)).toBeNull();
  expect(body.data?.[0]?.html).toContain(text);
});

test('hostile paths and parameters: never a 5xx; every JSON answer is a described error (fixed seed)', async ({ request }) => {
  const paths = [
    (s: string, q: string) => `/api/v1/posts/${s}?limit=${q}`,
    (s: string, q: string) => `/api/v1/posts/${s}/comments?cursor=${q}&order=${q}`,
    (s: string, q: string) => `/api/v1/posts?cursor=${q}&category=${s}&tag=${q}&limit=${q}`,
  ];
  await fc.assert(
    fc.asyncProperty(fc.nat(paths.length - 1), hostilePathSegment, hostilePathSegment, async (i, s, q) => {
      const path = paths[i]!(s, q);
      // Each from its own address: the fuzz must not spend the spec's rate-limit budget.
      const response = await request.get(path, { headers: { 'x-forwarded-for': randomAddress() } });
      expect(response.status(), path).toBeLessThan(500);
      // The server refuses a path it cannot decode before Next (lib/bad-path.mjs), in plain text.
      if (!response.headers()['content-type']?.startsWith('application/json')) return;
      const body: unknown = await response.json();
      if (response.status() >= 400) expect(validator.component('Error')(body), path).toBe(true);
    }),
    { seed: 7, numRuns: 90 },
  );
});
