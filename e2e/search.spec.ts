import { expect, test } from '@playwright/test';
import { SEED_PATH, SEED_TITLE } from './helpers/site';

// The header search box is a plain GET form to /search?q=…

test('searching "stepping-stone" from the header finds the seed article with the words marked', async ({ page }) => {
  await page.goto('/');
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Search the blog' });
  await box.fill('stepping-stone');
  await box.press('Enter');

  await expect(page).toHaveURL(/\/search\?q=stepping-stone$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
  await expect(page.getByRole('heading', { name: 'Results for “stepping-stone”' })).toBeVisible();

  const result = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: SEED_TITLE }) });
  await expect(result).toHaveCount(1);
  await expect(result.getByRole('link', { name: SEED_TITLE })).toHaveAttribute('href', SEED_PATH);
  const marks = result.getByTestId('search-snippet').locator('mark');
  expect(await marks.count()).toBeGreaterThan(0);
  for (const text of await marks.allInnerTexts()) expect(text.toLowerCase()).toMatch(/stepping|stone/);
  // Only the search words are marked, never markup injected from the post body.
  await expect(result.getByTestId('search-snippet').locator(':not(mark):not(span)')).toHaveCount(0);
});

test('the search button submits the same search', async ({ page }) => {
  await page.goto('/blog');
  await page.getByRole('searchbox', { name: 'Search the blog' }).fill('PMO career');
  await page.getByRole('banner').getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/\/search\?q=PMO\+career$/);
  await expect(page.getByRole('link', { name: SEED_TITLE })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/^\d+ results?$/);
});

test('a query with no match says so and lists nothing', async ({ page }) => {
  const response = await page.goto('/search?q=xylophonezebra');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('status')).toHaveText('0 results');
  await expect(page.getByText('No posts match your search. Try fewer or different words.')).toBeVisible();
  await expect(page.getByTestId('search-snippet')).toHaveCount(0);
});

test('an empty query asks for a word', async ({ page }) => {
  for (const path of ['/search', '/search?q=', '/search?q=%20%20']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Type a word to search the blog.');
    await expect(page.getByTestId('search-snippet')).toHaveCount(0);
  }
});

test('the query is shown as text, never as markup', async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent('<b id="injected">pmo</b>')}`);
  await expect(page.getByRole('heading', { name: 'Results for “<b id="injected">pmo</b>”' })).toBeVisible();
  await expect(page.locator('#injected')).toHaveCount(0);
});

test('a bad or past-the-end page of results says so and links to the first page', async ({ page }) => {
  for (const path of ['/search?q=pmo&page=abc', '/search?q=pmo&page=0', '/search?q=pmo&page=9']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('main').getByRole('status')).toContainText('That page of results does not exist.');
    await expect(page.getByRole('link', { name: 'Go to the first page of results' })).toHaveAttribute('href', '/search?q=pmo');
    await expect(page.getByTestId('search-snippet')).toHaveCount(0);
  }
  await page.getByRole('link', { name: 'Go to the first page of results' }).click();
  await expect(page.getByRole('link', { name: SEED_TITLE })).toBeVisible();
  // One page of results: no page links.
  await expect(page.getByRole('navigation', { name: 'Pages of results' })).toHaveCount(0);
});
