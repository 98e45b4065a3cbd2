import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext } from '@playwright/test';
import { formatViolations, scanWcag } from './helpers/axe';
import { getViewCount } from './helpers/db';
import { expect, randomAddress, test } from './helpers/fixtures';
import { uniqueChromeUserAgent } from './helpers/site';
import { createUser, db, signInAs, type TestUser } from './helpers/users';
import { visitAs } from './helpers/views';

// The admin stats page (/admin/stats): the views this spec makes show up in the per-post
// chart's table, staff only, and the page works without JavaScript. The post is created
// here, so no other spec can add views to it.

const CHART_TITLE = /^Views and comments per day/;

async function createPublishedPost(): Promise<{ id: string; slug: string; title: string }> {
  const author = await createUser({ role: 'AUTHOR' });
  const id = `s${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const slug = `stats-e2e-${id.slice(-10)}`;
  const title = `Stats e2e ${id.slice(-6)}`;
  await db().query(
    `INSERT INTO posts (id, slug, title, excerpt, body, status, published_at, author_id, updated_at)
     VALUES ($1, $2, $3, 'For the stats spec.', 'A post only the stats spec reads.', 'PUBLISHED', now() - interval '1 minute', $4, now())`,
    [id, slug, title, author.id],
  );
  return { id, slug, title };
}

async function signedIn(browser: Browser, baseURL: string | undefined, user: TestUser, options: { javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() }, ...options });
  await signInAs(context, user, baseURL ?? '');
  return context;
}

const today = () => new Date().toISOString().slice(0, 10);

test('stats show the views that the test made', async ({ browser, baseURL, request }) => {
  const post = await createPublishedPost();
  // One visitor in a browser, two more through the beacon from their own addresses.
  const visit = await visitAs(browser, uniqueChromeUserAgent(), `/post/${post.slug}`);
  expect(visit.beaconStatus).toBe(204);
  await visit.context.close();
  for (const address of [randomAddress(), randomAddress()]) {
    const res = await request.post('/api/views', {
      headers: { 'user-agent': uniqueChromeUserAgent(), 'x-forwarded-for': address, 'content-type': 'application/json' },
      data: JSON.stringify({ postId: post.id }),
    });
    expect(res.status()).toBe(204);
  }
  await expect.poll(() => getViewCount(post.slug), { timeout: 5_000 }).toBe(3);
  const day = today();

  const context = await signedIn(browser, baseURL, await createUser({ role: 'EDITOR' }));
  const page = await context.newPage();
  const response = await page.goto(`/admin/stats?post=${post.slug}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 2, name: `${post.title}: last 30 days` })).toBeVisible();
  const chart = page.getByRole('img', { name: CHART_TITLE });
  await expect(chart).toBeVisible();
  await expect(chart.locator('title').first()).toHaveText(`Views and comments per day: ${post.title}, last 30 days`);
  await expect(chart.locator('desc')).toContainText('3 views');

  await page.getByText('The numbers as a table').click();
  const table = page.getByRole('table', { name: /Views and comments per day/ });
  await expect(table.getByRole('row')).toHaveCount(32); // header, 30 days, total
  const row = table.getByRole('row', { name: new RegExp(`^${day}`) });
  await expect(row.getByRole('cell').first()).toHaveText('3');
  await expect(table.getByRole('row').nth(30)).toHaveAttribute('data-day', day); // newest last

  // The site-wide chart counts them too (other specs add views at the same time: at least).
  await page.getByRole('link', { name: 'Whole site' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Whole site: last 30 days' })).toBeVisible();
  await page.getByText('The numbers as a table').click();
  const siteToday = Number(await page.locator(`[data-testid=stats-table] tr[data-day="${day}"] td`).first().textContent());
  expect(siteToday).toBeGreaterThanOrEqual(3);
  await context.close();
});

test('a member gets the 403 page, an anonymous visitor is sent to sign in', async ({ browser, baseURL, page }) => {
  await page.goto('/admin/stats');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);

  const context = await signedIn(browser, baseURL, await createUser());
  const member = await context.newPage();
  // proxy.ts refuses before the page renders; the page and lib/dal/stats.ts check again.
  const response = await member.goto('/admin/stats?post=anything');
  expect(response?.status()).toBe(403);
  await expect(member.getByRole('heading', { level: 1 })).toHaveText('You cannot open this page');
  await expect(member.getByTestId('stats-chart')).toHaveCount(0);
  await expect(member.getByTestId('top-posts')).toHaveCount(0);
  await context.close();
});

test('without JavaScript: chart, table, period chooser and per-post links all work', async ({ browser, baseURL, request }) => {
  // One post with a view (so "All time" lists at least one), one without.
  const viewed = await createPublishedPost();
  const post = await createPublishedPost();
  const beacon = await request.post('/api/views', {
    headers: { 'user-agent': uniqueChromeUserAgent(), 'content-type': 'application/json' },
    data: JSON.stringify({ postId: viewed.id }),
  });
  expect(beacon.status()).toBe(204);
  const context = await signedIn(browser, baseURL, await createUser({ role: 'CONTRIBUTOR' }), { javaScriptEnabled: false });
  const page = await context.newPage();

  await page.goto('/admin/stats');
  await expect(page.getByRole('img', { name: CHART_TITLE })).toBeVisible();
  // <details> opens without script.
  await page.getByText('The numbers as a table').click();
  await expect(page.getByTestId('stats-table')).toBeVisible();

  const periods = page.getByRole('navigation', { name: 'Period' });
  await expect(periods.getByRole('link', { name: '30 days' })).toHaveAttribute('aria-current', 'page');
  await periods.getByRole('link', { name: 'All time' }).click();
  await expect(page).toHaveURL(/[?&]period=all\b/);
  await expect(page.getByRole('navigation', { name: 'Period' }).getByRole('link', { name: 'All time' })).toHaveAttribute('aria-current', 'page');

  const top = page.getByTestId('top-posts').getByRole('rowheader').getByRole('link').first();
  const title = (await top.textContent()) ?? '';
  await top.click();
  await expect(page).toHaveURL(/[?&]post=/);
  await expect(page.getByRole('heading', { level: 2, name: `${title}: last 30 days` })).toBeVisible();

  // A post without views: zeros, not an error; an unknown one: a clear message.
  await page.goto(`/admin/stats?post=${post.slug}`);
  await expect(page.getByRole('img', { name: CHART_TITLE })).toBeVisible();
  await expect(page.getByTestId('stats-chart')).toContainText('Views per day: 0 in 30 days');
  await page.goto('/admin/stats?post=no-such-post-here&period=bogus');
  await expect(page.getByRole('alert').filter({ hasText: 'No post has the address “no-such-post-here”' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Whole site: last 30 days' })).toBeVisible();
  await context.close();
});

test('the stats page has no WCAG 2.1 A/AA violations', async ({ browser, baseURL }) => {
  const context = await signedIn(browser, baseURL, await createUser({ role: 'ADMIN' }));
  const page = await context.newPage();
  await page.goto('/admin/stats');
  await page.getByText('The numbers as a table').click();
  await expect(page.locator('h1')).toHaveCount(1);
  const violations = await scanWcag(page);
  expect(violations, `axe found violations on /admin/stats:\n\n${formatViolations(violations)}`).toEqual([]);
  await context.close();
});
