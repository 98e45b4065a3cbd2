import { expect, test } from '@playwright/test';
import { getPublishedSlugs } from './helpers/db';
import { cardSlugs } from './helpers/listing';
import { POSTS_PER_PAGE, PUBLISHED_POSTS } from './helpers/site';

test('"See All" on the home page opens /blog with All Posts', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('main').getByRole('link', { name: 'See All' }).click();
  await expect(page).toHaveURL(/\/blog$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('All Posts');
  const nav = page.getByRole('navigation', { name: 'Categories' });
  await expect(nav.getByRole('link')).toHaveText(['All Posts', 'Careers', 'Project Management', 'SEO']);
  await expect(nav.getByRole('link', { name: 'All Posts' })).toHaveAttribute('aria-current', 'page');
  expect(await cardSlugs(page)).toHaveLength(POSTS_PER_PAGE);
});

test('a category link shows exactly that category’s posts', async ({ page }) => {
  await page.goto('/blog');
  await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Careers' }).click();
  await expect(page).toHaveURL(/\/blog\/categories\/careers$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Careers');
  await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Careers' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const expected = await getPublishedSlugs({ category: 'careers' });
  expect(expected.length).toBeGreaterThan(1);
  await expect.poll(() => cardSlugs(page)).toEqual(expected);
});

test('pagination goes to the older page and back to the same first page', async ({ page }) => {
  await page.goto('/blog');
  const pagination = page.getByRole('navigation', { name: 'Pagination' });
  await expect(pagination.getByRole('link', { name: /Newer posts/ })).toHaveCount(0);
  const first = await cardSlugs(page);
  expect(first).toHaveLength(POSTS_PER_PAGE);

  await pagination.getByRole('link', { name: /Older posts/ }).click();
  await expect(page).toHaveURL(/\/blog\?cursor=[\w-]+$/);
  await expect(pagination.getByRole('link', { name: /Newer posts/ })).toBeVisible();
  await expect(pagination.getByRole('link', { name: /Older posts/ })).toHaveCount(0);
  const second = await cardSlugs(page);
  expect(second).toHaveLength(PUBLISHED_POSTS - POSTS_PER_PAGE);
  expect(second.filter((slug) => first.includes(slug))).toEqual([]);

  await pagination.getByRole('link', { name: /Newer posts/ }).click();
  await expect(page).toHaveURL(/\/blog\?cursor=[\w-]+&dir=back$/);
  await expect.poll(() => cardSlugs(page)).toEqual(first);
  await expect(pagination.getByRole('link', { name: /Newer posts/ })).toHaveCount(0);
});

test('"Older posts" on the home page continues on /blog after the home page’s posts', async ({ page }) => {
  await page.goto('/');
  const home = await cardSlugs(page);
  expect(home).toHaveLength(POSTS_PER_PAGE);
  await page.getByRole('navigation', { name: 'Pagination' }).getByRole('link', { name: /Older posts/ }).click();
  await expect(page).toHaveURL(/\/blog\?cursor=[\w-]+$/);
  await expect.poll(() => cardSlugs(page)).toHaveLength(PUBLISHED_POSTS - POSTS_PER_PAGE);
  expect((await cardSlugs(page)).filter((slug) => home.includes(slug))).toEqual([]);
});

test('a tag page lists exactly the posts with that tag', async ({ page }) => {
  const response = await page.goto('/blog/tags/pmo');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Posts tagged “PMO”');
  const expected = await getPublishedSlugs({ tag: 'pmo' });
  expect(expected.length).toBeGreaterThan(1);
  await expect.poll(() => cardSlugs(page)).toEqual(expected);
});

test('the header links back home and to All Posts', async ({ page }) => {
  await page.goto('/blog/tags/career');
  const header = page.getByRole('banner');
  await header.getByRole('link', { name: 'All Posts' }).click();
  await expect(page).toHaveURL(/\/blog$/);
  await header.getByRole('link', { name: 'seopmaspire', exact: true }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('seopmaspire');
});
