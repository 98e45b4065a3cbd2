import { startRedisServer } from '../tests/helpers/redis-server.mjs';
import { uniqueText } from './helpers/comments';
import { expect, randomAddress, test } from './helpers/fixtures';
import { startOwnServer, type OwnServer } from './helpers/own-server';
import { missedOwnComments } from './helpers/own-writes';
import { insertPost, type TestPost } from './helpers/posts';
import { restoreSiteName } from './helpers/settings';
import { anonymousPage, commentThrough, visibleOn } from './helpers/shared-cache';
import { SITE_NAME } from './helpers/site';
import { createUser, signInAs, type TestUser } from './helpers/users';

// Two production servers from the one build, sharing Next's caches through a Redis of this
// spec's own (REDIS_URL): what is written through one is served by the other at once,
// cached anonymous pages included, and an author's next page has their comment. A third
// server without Redis (its caches in its own memory) gives the author the same. Renames
// the site for a moment, so it runs with the site-wide specs.

test.describe.configure({ mode: 'serial' });

let redis: Awaited<ReturnType<typeof startRedisServer>>;
let a: OwnServer;
let b: OwnServer;
let alone: OwnServer;
let author: TestUser;
let post: TestPost;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedisServer();
  // A prefix of this run's own; the limits raised so one author can comment many times in a row.
  const limits = { RATE_LIMIT_MULTIPLIER: '1000' };
  const env = { ...limits, REDIS_URL: redis.url, REDIS_KEY_PREFIX: `e2e-${Date.now().toString(36)}:` };
  [a, b, alone] = await Promise.all([startOwnServer({ env }), startOwnServer({ env }), startOwnServer({ env: { ...limits, REDIS_URL: '' } })]);
  author = await createUser({ name: 'Shared Cache Author' });
  post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: 'Shared cache post' });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop(), alone?.stop()]);
  await redis?.stop();
});

test('a comment posted through A is on B’s anonymous cached page', async () => {
  const path = `/post/${post.slug}`;
  const text = uniqueText('Seen everywhere');
  // B renders and caches the page (an hour's lifetime) before the comment exists.
  expect(await anonymousPage(b.origin, path)).not.toContain(text);
  expect(await anonymousPage(b.origin, path)).not.toContain(text);
  await commentThrough(a.origin, author, post.id, text);
  await visibleOn(b.origin, path, text, 'comment through A visible on B');
});

test('a setting saved through A shows on B’s cached home page', async ({ browser }) => {
  const context = await browser.newContext({ baseURL: a.origin, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(context, await createUser({ role: 'ADMIN' }), a.origin);
  const page = await context.newPage();
  const newName = `Shared ${Date.now().toString(36)}`;
  expect(await anonymousPage(b.origin, '/')).toContain(SITE_NAME);
  try {
    await page.goto('/admin/settings');
    await page.getByLabel('Site name').fill(newName);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    await visibleOn(b.origin, '/', newName, 'setting through A visible on B');
  } finally {
    await restoreSiteName(page);
    await context.close();
  }
});

// Few tries keep CI short: the misses the issue measured before the guard (1 in 12 with
// JavaScript, 1 in 5 without) would show in about a third and two thirds of runs of 5;
// tests/integration/{shared,memory}-cache.test.ts pin the guard itself.
const TRIES = 5;
const ALONE_TRIES = 3;

for (const javaScriptEnabled of [true, false]) {
  const how = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';

  test(`the author's next page has their comment, on either server, ${TRIES} times of ${TRIES}, ${how}`, async ({ browser }) => {
    test.setTimeout(120_000);
    // With JavaScript the next page alternates between A and B; without, it is B's (after A's redirect).
    const readOn = (i: number) => (javaScriptEnabled && i % 2 === 0 ? a.origin : b.origin);
    expect(await missedOwnComments({ browser, author, post, writeOn: a.origin, readOn, tries: TRIES, javaScriptEnabled })).toEqual([]);
  });

  test(`without Redis, on one server: the author's next page has their comment, ${ALONE_TRIES} times of ${ALONE_TRIES}, ${how}`, async ({ browser }) => {
    test.setTimeout(90_000);
    const health = await (await fetch(`${alone.origin}/api/health`)).json();
    expect(health.checks, 'this server has no Redis').not.toHaveProperty('redis');
    expect(await missedOwnComments({ browser, author, post, writeOn: alone.origin, readOn: () => alone.origin, tries: ALONE_TRIES, javaScriptEnabled })).toEqual([]);
  });
}
