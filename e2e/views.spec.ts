import { expect, test } from '@playwright/test';
import { getPost, getViewCount, getViewEventCount } from './helpers/db';
import { uniqueChromeUserAgent, VIEW_POSTS } from './helpers/site';
import { visitAs, waitForViewBeacon } from './helpers/views';

// View counting, read from posts.view_count (the page shows a cached number that lags).
// These posts are opened by no other spec, so parallel files cannot add views under us;
// serial, because every test here reads and changes the same counters.
test.describe.configure({ mode: 'serial' });

const slug = VIEW_POSTS.visitors;
const path = `/post/${slug}`;
const BEACON_POLL = { timeout: 5_000 };

test('a first visit adds exactly one view', async ({ browser }) => {
  const before = await getViewCount(slug);
  const { context, beaconStatus } = await visitAs(browser, uniqueChromeUserAgent(), path);
  expect(beaconStatus).toBe(204);
  await expect.poll(() => getViewCount(slug), BEACON_POLL).toBe(before + 1);
  await context.close();
});

test('a reload, or a new tab of the same visitor, the same day adds no view', async ({ browser }) => {
  const userAgent = uniqueChromeUserAgent();
  const first = await visitAs(browser, userAgent, path);
  const afterFirst = await getViewCount(slug);

  const reloaded = waitForViewBeacon(first.page);
  await first.page.reload();
  expect((await reloaded).status()).toBe(204);
  expect(await getViewCount(slug)).toBe(afterFirst);

  // Same address and user agent in a fresh context (no cookies, no storage): still the same visitor.
  const again = await visitAs(browser, userAgent, path);
  expect(again.beaconStatus).toBe(204);
  expect(await getViewCount(slug)).toBe(afterFirst);

  await first.context.close();
  await again.context.close();
});

test('a second visitor (another user agent) adds one view', async ({ browser }) => {
  const first = await visitAs(browser, uniqueChromeUserAgent(), path);
  const afterFirst = await getViewCount(slug);
  const second = await visitAs(browser, uniqueChromeUserAgent(), path);
  expect(second.beaconStatus).toBe(204);
  await expect.poll(() => getViewCount(slug), BEACON_POLL).toBe(afterFirst + 1);
  await first.context.close();
  await second.context.close();
});

test('the same browser from two addresses is two visitors; the address is the first X-Forwarded-For entry', async ({
  request,
}) => {
  const { id, viewCount: before } = await getPost(slug);
  const userAgent = uniqueChromeUserAgent();
  const beacon = (forwardedFor: string) =>
    request.post('/api/views', {
      headers: { 'user-agent': userAgent, 'x-forwarded-for': forwardedFor, 'content-type': 'application/json' },
      data: JSON.stringify({ postId: id }),
    });
  expect((await beacon('203.0.113.7')).status()).toBe(204);
  // The same client through one more proxy hop: still the same visitor.
  expect((await beacon('203.0.113.7, 10.0.0.1')).status()).toBe(204);
  expect((await beacon('198.51.100.23')).status()).toBe(204);
  await expect.poll(() => getViewCount(slug), BEACON_POLL).toBe(before + 2);
});

const BOTS = {
  Googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  HeadlessChrome:
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
};

for (const [name, userAgent] of Object.entries(BOTS)) {
  test(`a ${name} visit adds no view`, async ({ browser }) => {
    const before = await getViewCount(slug);
    const eventsBefore = await getViewEventCount(slug);
    const { context, beaconStatus } = await visitAs(browser, userAgent, path);
    // Bots are answered like everyone else, they are just not counted.
    expect(beaconStatus).toBe(204);
    expect(await getViewCount(slug)).toBe(before);
    expect(await getViewEventCount(slug)).toBe(eventsBefore);
    await context.close();
  });
}

test('50 simultaneous distinct visitors add exactly 50 views', async ({ request }) => {
  const target = VIEW_POSTS.concurrency;
  const { id, viewCount: before } = await getPost(target);
  const userAgents = new Set<string>();
  while (userAgents.size < 50) userAgents.add(uniqueChromeUserAgent());

  const responses = await Promise.all(
    [...userAgents].map((userAgent) =>
      request.post('/api/views', {
        headers: { 'user-agent': userAgent, 'content-type': 'application/json' },
        data: JSON.stringify({ postId: id }),
      }),
    ),
  );
  expect(responses.map((r) => r.status())).toEqual(Array(50).fill(204));
  await expect.poll(() => getViewCount(target), BEACON_POLL).toBe(before + 50);
  expect(await getViewEventCount(target)).toBeGreaterThanOrEqual(50);
});
