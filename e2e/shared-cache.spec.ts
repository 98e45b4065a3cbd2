import type { BrowserContext, Page } from '@playwright/test';
import { startRedisServer } from '../tests/helpers/redis-server.mjs';
import { submitComment, uniqueText, writeComment } from './helpers/comments';
import { expect, randomAddress, test } from './helpers/fixtures';
import { startOwnServer, type OwnServer } from './helpers/own-server';
import { insertPost, type TestPost } from './helpers/posts';
import { SITE_NAME } from './helpers/site';
import { createUser, db, sessionCookieHeader, signInAs, type TestUser } from './helpers/users';

// Two production servers from the one build, sharing Next's caches through a Redis of this
// spec's own (REDIS_URL): what is written through one is served by the other at once,
// cached anonymous pages included, and an author's next page has their comment. Renames
// the site for a moment, so it runs with the site-wide specs.

test.describe.configure({ mode: 'serial' });

let redis: Awaited<ReturnType<typeof startRedisServer>>;
let a: OwnServer;
let b: OwnServer;
let author: TestUser;
let post: TestPost;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedisServer();
  // A prefix of this run's own; the limits raised so one author can comment 40 times.
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: `e2e-${Date.now().toString(36)}:`, RATE_LIMIT_MULTIPLIER: '1000' };
  [a, b] = await Promise.all([startOwnServer({ env }), startOwnServer({ env })]);
  author = await createUser({ name: 'Shared Cache Author' });
  post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: 'Shared cache post' });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

/** The page as an anonymous reader gets it (no cookies): the cached page. */
async function anonymous(origin: string, path: string): Promise<string> {
  const res = await fetch(`${origin}${path}`, { headers: { 'x-forwarded-for': randomAddress() } });
  expect(res.status).toBe(200);
  return res.text();
}

/** Polls `origin` until `path` shows `text`; prints how long that took (a figure, not a test). */
async function visibleOn(origin: string, path: string, text: string, what: string): Promise<void> {
  const started = Date.now();
  await expect.poll(async () => (await anonymous(origin, path)).includes(text), { intervals: [50], timeout: 10_000, message: what }).toBe(true);
  console.log(`shared-cache: ${what} after ${Date.now() - started} ms`);
}

test('a comment posted through A is on B’s anonymous cached page', async () => {
  const path = `/post/${post.slug}`;
  const text = uniqueText('Seen everywhere');
  // B renders and caches the page (an hour's lifetime) before the comment exists.
  expect(await anonymous(b.origin, path)).not.toContain(text);
  expect(await anonymous(b.origin, path)).not.toContain(text);
  const res = await fetch(`${a.origin}/api/comments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: await sessionCookieHeader(author), 'x-forwarded-for': randomAddress() },
    body: JSON.stringify({ postId: post.id, body: text }),
  });
  expect(res.status, await res.text()).toBe(201);
  await visibleOn(b.origin, path, text, 'comment through A visible on B');
});

test('a setting saved through A shows on B’s cached home page', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: a.origin, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(context, await createUser({ role: 'ADMIN' }), a.origin);
  const page = await context.newPage();
  const newName = `Shared ${Date.now().toString(36)}`;
  expect(await anonymous(b.origin, '/')).toContain(SITE_NAME);
  try {
    await page.goto('/admin/settings');
    await page.getByLabel('Site name').fill(newName);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await visibleOn(b.origin, '/', newName, 'setting through A visible on B');
  } finally {
    await db().query(`UPDATE settings SET value = to_jsonb($1::text) WHERE key = 'siteName'`, [SITE_NAME]);
    await page.goto('/admin/settings');
    await page.getByLabel('Site name').fill(SITE_NAME);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await context.close();
  }
});

const TRIES = 20;

/** The author's next page load, on A or B: it must have the comment the first time, no reload. */
async function nextPageHas(page: Page, origin: string, text: string): Promise<boolean> {
  await page.goto(`${origin}/post/${post.slug}`);
  return (await page.content()).includes(text);
}

async function authorContext(browser: import('@playwright/test').Browser, javaScriptEnabled: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: a.origin, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(context, author, a.origin);
  return context;
}

test(`the author's next page has their comment, on either server, ${TRIES} times of ${TRIES}, with JavaScript`, async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await authorContext(browser, true);
  const page = await context.newPage();
  const missed: string[] = [];
  for (let i = 0; i < TRIES; i++) {
    const text = uniqueText(`With JS ${i}`);
    await page.goto(`${a.origin}/post/${post.slug}`);
    await writeComment(page, text);
    // Alternate the server of the next page: one instance and several.
    const origin = i % 2 === 0 ? a.origin : b.origin;
    if (!(await nextPageHas(page, origin, text))) missed.push(`${text} on ${origin}`);
  }
  await context.close();
  expect(missed).toEqual([]);
});

test(`the author's next page has their comment, on either server, ${TRIES} times of ${TRIES}, without JavaScript`, async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await authorContext(browser, false);
  const page = await context.newPage();
  const missed: string[] = [];
  for (let i = 0; i < TRIES; i++) {
    const text = uniqueText(`Without JS ${i}`);
    await page.goto(`${a.origin}/post/${post.slug}`);
    await submitComment(page, text);
    // The form post answers with a redirect: the page it lands on is the author's next page.
    await expect(page).toHaveURL(/#comment-[a-z0-9]+$/);
    if (!(await page.content()).includes(text)) missed.push(`${text} after the redirect`);
    if (!(await nextPageHas(page, b.origin, text))) missed.push(`${text} on B`);
  }
  await context.close();
  expect(missed).toEqual([]);
});
