import { expect, test, type Page } from '@playwright/test';
import { getPost, getViewEventCount } from './helpers/db';
import { uniqueChromeUserAgent, VIEW_POSTS } from './helpers/site';

// Bad input from the address bar or a forged beacon must give a 4xx or a friendly
// message, never a 5xx.

async function expectNotFoundPage(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('link', { name: 'Go to the home page' })).toHaveAttribute('href', '/');
  // The site chrome stays, so the reader can search or go home.
  await expect(page.getByRole('banner').getByRole('link', { name: 'seopmaspire', exact: true })).toBeVisible();
  await expect(page.getByRole('banner').getByRole('searchbox', { name: 'Search the blog' })).toBeVisible();
}

for (const path of ['/post/this-post-does-not-exist', '/blog/categories/no-such-category', '/blog/tags/no-such-tag', '/no/such/page']) {
  test(`${path} answers 404 with the not-found page inside the site chrome`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
    // Hydrated, the page keeps its address (the document is the one rendered for an unmatched one: server/not-found.mjs).
    await page.waitForLoadState('networkidle');
    expect(new URL(page.url()).pathname).toBe(path);
  });

  test(`${path} is a whole not-found page without JavaScript (a crawler's view)`, async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expectNotFoundPage(page);
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/);
    await context.close();
  });
}

test('a NUL byte in a post slug is a 4xx, not a 5xx', async ({ page }) => {
  const response = await page.goto('/post/%00');
  const status = response?.status() ?? 0;
  expect(status).toBeGreaterThanOrEqual(400);
  expect(status).toBeLessThan(500);
  if (status === 404) await expectNotFoundPage(page);
});

/** A cursor as lib/validations/listing.ts encodes it: base64url of "<ISO date>|<post id>". */
const cursor = (raw: string) => Buffer.from(raw, 'utf8').toString('base64url');

const INVALID_PAGE_LINKS: [label: string, path: string][] = [
  ['a garbage cursor', '/blog?cursor=garbage'],
  ['a negative page', '/blog?page=-1'],
  ['a non-numeric page', '/blog?page=abc'],
  ['a NUL cursor', '/blog?cursor=%00'],
  ['an unknown direction', '/blog?dir=sideways'],
  ['a garbage cursor on a category', '/blog/categories/seo?cursor=garbage'],
  // Well-formed and passes the cursor check, but PostgreSQL has no year 0 to compare with.
  ['a cursor dated year 0000', `/blog?cursor=${cursor('0000-01-01T00:00:00Z|abc')}`],
];

for (const [label, path] of INVALID_PAGE_LINKS) {
  test(`${label} (${path.slice(0, 40)}) explains that the page link is not valid`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status() ?? 0).toBeLessThan(500);
    await expect(page.getByText('That page link is not valid. Start again from the newest posts.')).toBeVisible();
    const back = page.getByRole('link', { name: 'Back to the newest posts' });
    await expect(back).toHaveAttribute('href', new URL(path, 'http://x').pathname);
    await expect(page.getByRole('main').getByRole('article')).toHaveCount(0);
  });
}

test('a 2,000-character search explains that it is too long', async ({ page }) => {
  const response = await page.goto(`/search?q=${'a'.repeat(2000)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByText('Your search is too long. Use at most 200 characters.')).toBeVisible();
  await expect(page.getByTestId('search-snippet')).toHaveCount(0);
});

// Operators, quotes, SQL, backslashes, a NUL byte: each is just a search with 0 or more results.
for (const q of ['"', '!!', '(', 'a & | b', ':*', "'; DROP TABLE posts; --", '\\', 'pmo\u0000', '\uFFFF']) {
  test(`searching ${JSON.stringify(q)} answers with a result count, not an error`, async ({ page }) => {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status() ?? 0).toBeLessThan(500);
    await expect(page.getByRole('main').getByRole('status')).toHaveText(/^\d+ results?$/);
    await expect(page.getByRole('heading', { name: 'Something went wrong' })).toHaveCount(0);
  });
}

test.describe('view beacon with bad input', () => {
  const slug = VIEW_POSTS.badBeacons;
  const headers = () => ({ 'user-agent': uniqueChromeUserAgent(), 'content-type': 'application/json' });

  test('is rejected with 400 / 404 / 413 and counts nothing', async ({ request }) => {
    const { id, viewCount: before } = await getPost(slug);
    const eventsBefore = await getViewEventCount(slug);

    const cases: { name: string; body: string; status: number }[] = [
      { name: 'malformed JSON', body: `{"postId":"${id}"`, status: 400 },
      { name: 'not an object', body: JSON.stringify(id), status: 400 },
      { name: 'an extra key', body: JSON.stringify({ postId: id, views: 1000 }), status: 400 },
      { name: 'a post id of the wrong shape', body: JSON.stringify({ postId: `${id}'--` }), status: 400 },
      { name: 'an unknown post id', body: JSON.stringify({ postId: 'zzzzzzzzzzzzzzzzzzzzzzzzz' }), status: 404 },
      { name: 'an oversize body', body: JSON.stringify({ postId: id, pad: 'x'.repeat(600) }), status: 413 },
    ];
    for (const c of cases) {
      const response = await request.post('/api/views', { headers: headers(), data: c.body });
      expect(response.status(), c.name).toBe(c.status);
      expect(response.headers()['cache-control'], c.name).toContain('no-store');
    }

    expect((await getPost(slug)).viewCount).toBe(before);
    expect(await getViewEventCount(slug)).toBe(eventsBefore);
  });

  test('the no-JavaScript pixel rejects a bad or unknown id', async ({ request }) => {
    const { viewCount: before } = await getPost(slug);
    expect((await request.get('/api/views?p=not-an-id', { headers: headers() })).status()).toBe(400);
    expect((await request.get('/api/views', { headers: headers() })).status()).toBe(400);
    expect((await request.get('/api/views?p=zzzzzzzzzzzzzzzzzzzzzzzzz', { headers: headers() })).status()).toBe(404);
    expect((await getPost(slug)).viewCount).toBe(before);
  });
});
