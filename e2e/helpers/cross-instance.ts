import { expect } from '@playwright/test';
import { randomAddress } from './fixtures';
import { openForm, submitForm } from './plain-form';
import { sessionCookieHeader, type TestUser } from './users';

// Reading one site through several instances over plain HTTP (e2e/cluster-shared.spec.ts):
// a page as an anonymous reader or as a signed-in one, how long after a write an
// instance first serves it, and the admin's forms posted as a browser without JavaScript.

export type Answer = { status: number; html: string; instance: string | null };

/** GETs `path` on `origin`: anonymous (no cookie: the cached page) unless `cookie` is given; from a fresh address. */
export async function load(origin: string, path: string, cookie?: string): Promise<Answer> {
  const res = await fetch(`${origin}${path}`, { headers: { 'x-forwarded-for': randomAddress(), ...(cookie ? { cookie } : {}) }, redirect: 'manual' });
  return { status: res.status, html: await res.text(), instance: res.headers.get('x-quire-instance') };
}

/** Loads `path` twice, so `origin` has it rendered and cached before a write; returns the second answer. */
export async function warm(origin: string, path: string): Promise<Answer> {
  await load(origin, path);
  return load(origin, path);
}

/**
 * Polls `path` on `origin` (anonymous) until `shows` holds; returns the milliseconds from
 * `since` (the write's answer) to the answer that showed it. Fails after 10 s.
 */
export async function shownAfter(origin: string, path: string, shows: (page: Answer) => boolean, since: number): Promise<number> {
  for (;;) {
    const page = await load(origin, path);
    if (shows(page)) return Date.now() - since;
    if (Date.now() - since > 10_000) throw new Error(`${origin}${path} did not show the change within 10 s (last answer ${page.status})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Four anonymous requests through the balancer all show it, and both instances answered. */
export async function shownThroughBalancer(url: string, path: string, shows: (page: Answer) => boolean): Promise<void> {
  const answers = [];
  for (let i = 0; i < 4; i++) answers.push(await load(url, path));
  expect(answers.filter((a) => !shows(a)).map((a) => `${a.instance}: ${a.status}`), `${path} through the balancer`).toEqual([]);
  expect(new Set(answers.map((a) => a.instance)).size, 'both instances answered').toBe(2);
}

/** The post editor's plain form post on `origin`: `intent` is save, publish, schedule or unpublish. */
export async function saveInEditor(origin: string, postId: string, cookie: string, intent: string, set: Record<string, string> = {}): Promise<void> {
  const headers = { cookie, 'x-forwarded-for': randomAddress() };
  const form = await openForm(`${origin}/admin/posts/${postId}`, (f) => f.attrs['data-testid'] === 'post-editor', headers);
  const res = await submitForm(form, { set, button: { name: 'intent', value: intent }, headers });
  expect(res.status, `${intent} answers with a redirect`).toBe(303);
  expect(res.headers.get('location')).toBe(`/admin/posts/${postId}`);
}

/** The site settings' plain form post on `origin`. */
export async function saveSettings(origin: string, cookie: string, set: Record<string, string>): Promise<void> {
  const headers = { cookie, 'x-forwarded-for': randomAddress() };
  const form = await openForm(`${origin}/admin/settings`, (f) => f.fields.some(([name]) => name === 'siteName'), headers);
  const res = await submitForm(form, { set, headers });
  expect(res.status, 'the settings form answers with a redirect').toBe(303);
  expect(res.headers.get('location')).toBe('/admin/settings');
}

/** POST /api/comments on `origin` as `user` (what a script posts); returns the new comment's id. */
export async function postComment(origin: string, user: TestUser, postId: string, body: string, parentId?: string): Promise<string> {
  const res = await fetch(`${origin}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await sessionCookieHeader(user), 'x-forwarded-for': randomAddress() },
    body: JSON.stringify({ postId, body, parentId }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return (JSON.parse(text) as { id: string }).id;
}

/** The comment form of the post page at `path` posted without JavaScript; returns where its redirect leads (the next page). */
export async function postCommentForm(origin: string, path: string, cookie: string, body: string): Promise<string> {
  const headers = { cookie, 'x-forwarded-for': randomAddress() };
  const form = await openForm(`${origin}${path}`, (f) => f.attrs['data-testid'] === 'comment-form', headers);
  const res = await submitForm(form, { set: { body }, headers });
  expect(res.status, 'the comment form answers with a redirect').toBe(303);
  const to = new URL(res.headers.get('location') ?? '', origin);
  return `${to.pathname}${to.search}`;
}

// Checks of what an instance serves after a write (e2e/cluster-shared.spec.ts).

export const has = (text: string) => (page: Answer) => page.status === 200 && page.html.includes(text);
export const lacks = (text: string) => (page: Answer) => page.status === 200 && !page.html.includes(text);
export const is404 = (page: Answer) => page.status === 404;

export type Check = { what: string; origin: string; path: string; shows: (page: Answer) => boolean };

/**
 * Polls every check at once from `since` (when the write was answered, or when it was
 * due); prints each latency and holds it to `limitMs`. Returns the latencies.
 */
export async function servedWithin(write: string, since: number, checks: Check[], limitMs = 1000): Promise<number[]> {
  const ms = await Promise.all(checks.map((c) => shownAfter(c.origin, c.path, c.shows, since)));
  checks.forEach((c, i) => console.log(`cluster-shared: ${write}, ${c.what}: ${ms[i]} ms`));
  expect(checks.filter((_, i) => (ms[i] ?? Infinity) > limitMs).map((c) => c.what), `served within ${limitMs} ms`).toEqual([]);
  return ms;
}
