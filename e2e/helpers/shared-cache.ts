import { expect, randomAddress } from './fixtures';
import { sessionCookieHeader, type TestUser } from './users';

// Plain-HTTP probes for the specs that run several servers on one Redis
// (e2e/shared-cache.spec.ts, e2e/shared-cache-outage.spec.ts).

/** The page as an anonymous reader gets it (no cookies): the cached page. */
export async function anonymousPage(origin: string, path: string): Promise<string> {
  const res = await fetch(`${origin}${path}`, { headers: { 'x-forwarded-for': randomAddress() } });
  expect(res.status).toBe(200);
  return res.text();
}

/** Polls `origin` until `path` shows `text`; prints how long that took (a figure, not a test) and returns it (ms). */
export async function visibleOn(origin: string, path: string, text: string, what: string): Promise<number> {
  const started = Date.now();
  await expect.poll(async () => (await anonymousPage(origin, path)).includes(text), { intervals: [50], timeout: 10_000, message: what }).toBe(true);
  const ms = Date.now() - started;
  console.log(`shared-cache: ${what} after ${ms} ms`);
  return ms;
}

/** Posts a comment as `author` through `origin`'s JSON API from a fresh address; expects 201. */
export async function commentThrough(origin: string, author: TestUser, postId: string, body: string): Promise<void> {
  const res = await fetch(`${origin}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await sessionCookieHeader(author), 'x-forwarded-for': randomAddress() },
    body: JSON.stringify({ postId, body }),
  });
  expect(res.status, await res.text()).toBe(201);
}
