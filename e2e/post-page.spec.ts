import { expect, test } from '@playwright/test';
import { getPost } from './helpers/db';
import { SEED_EXCERPT, SEED_HEADINGS, SEED_PATH, SEED_SLUG, SEED_TITLE, SITE_NAME } from './helpers/site';

// The seed article must show everything the reference Wix post page shows.

test.beforeEach(async ({ page }) => {
  const response = await page.goto(SEED_PATH);
  expect(response?.status()).toBe(200);
});

test('shows the site header with the name and a search box', async ({ page }) => {
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name: SITE_NAME, exact: true })).toHaveAttribute('href', '/');
  const search = header.getByRole('searchbox', { name: 'Search the blog' });
  await expect(search).toBeVisible();
  await expect(search).toHaveAttribute('name', 'q');
});

test('shows the author, date, reading time and title', async ({ page }) => {
  const article = page.getByRole('article').first();
  await expect(article.getByTestId('post-author')).toHaveText(SITE_NAME);
  const date = article.locator('header time');
  await expect(date).toHaveAttribute('datetime', '2023-03-14T10:00:00.000Z');
  await expect(date).toHaveText('Mar 14, 2023');
  const { readingMinutes } = await getPost(SEED_SLUG);
  expect(readingMinutes).toBeGreaterThan(1);
  await expect(article.locator('header')).toContainText(`${readingMinutes} min read`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SEED_TITLE);
});

test('shows the five numbered headings and the recommendation, in order', async ({ page }) => {
  const headings = page.getByRole('article').first().getByRole('heading', { level: 2 });
  await expect(headings).toHaveText([...SEED_HEADINGS]);
});

test('the headings are anchors of their own (md-…), and the page keeps its own ids: one #main, where the skip link goes', async ({ page }) => {
  const headings = page.getByRole('article').first().getByRole('heading', { level: 2 });
  const ids = await headings.evaluateAll((nodes) => nodes.map((n) => n.id));
  expect(ids).toHaveLength(SEED_HEADINGS.length);
  for (const id of ids) expect(id).toMatch(/^md-[\p{L}\p{N}_-]+$/u);
  await expect(page.locator('[id="main"]')).toHaveCount(1);
  await page.goto(`${SEED_PATH}#${ids[2]}`);
  await expect(headings.nth(2)).toBeInViewport();
});

test('shows category and tag chips linking to their pages', async ({ page }) => {
  const chips = page.getByRole('list', { name: 'Categories' });
  await expect(chips.getByRole('link', { name: 'Project Management' })).toHaveAttribute(
    'href',
    '/blog/categories/project-management',
  );
  for (const [name, slug] of [
    ['#PMO', 'pmo'],
    ['#Career', 'career'],
    ['#Leadership', 'leadership'],
  ]) {
    await expect(chips.getByRole('link', { name, exact: true })).toHaveAttribute('href', `/blog/tags/${slug}`);
  }
});

test('shows "N views · N comments" matching the database (give or take the counter cache)', async ({ page }) => {
  const views = page.getByTestId('view-count');
  await expect(views).toHaveText(/^\d[\d,]* views?$/);
  await expect(page.getByTestId('comment-count')).toHaveText(/^\d[\d,]* comments?$/);
  await expect(page.getByTestId('comment-count')).toHaveAttribute('href', '#comments');
  // The counter is cached for seconds, so it may be behind the database, never ahead.
  const shown = Number((await views.innerText()).replace(/\D/g, ''));
  expect(shown).toBeLessThanOrEqual((await getPost(SEED_SLUG)).viewCount);
});

test('shows Recent Posts with See All and three other posts', async ({ page }) => {
  const recent = page.getByRole('region', { name: 'Recent Posts' });
  await expect(recent.getByRole('heading', { level: 2, name: 'Recent Posts' })).toBeVisible();
  await expect(recent.getByRole('link', { name: 'See All' })).toHaveAttribute('href', '/blog');
  const cards = recent.getByRole('article');
  await expect(cards).toHaveCount(3);
  await expect(cards.getByRole('heading', { level: 3 })).toHaveCount(3);
  await expect(cards.getByRole('link', { name: SEED_TITLE })).toHaveCount(0);
  await expect(cards.first()).toContainText(/\d+ views? · \d+ comments?/);
});

test('shows the Comments section with "Log in to comment"', async ({ page }) => {
  const comments = page.getByRole('region', { name: 'Comments' });
  await expect(comments).toBeVisible();
  await expect(comments).toHaveAttribute('id', 'comments');
  await expect(comments.getByRole('link', { name: 'Log in to comment' })).toBeVisible();
});

test('has the post title, description and canonical URL in the head', async ({ page }) => {
  await expect(page).toHaveTitle(`${SEED_TITLE} | ${SITE_NAME}`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', SEED_EXCERPT);
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).not.toBeNull();
  expect(new URL(canonical ?? '').pathname).toBe(SEED_PATH);
});

test('share links point at each network with this post URL, and Copy link is a button', async ({ page }) => {
  const canonical = (await page.locator('link[rel="canonical"]').getAttribute('href')) ?? '';
  // SITE_URL decides the shared address; it must be the same absolute URL as the canonical link.
  expect(canonical).toMatch(/^https?:\/\//);
  const share = page.getByRole('group', { name: 'Share this post' });

  const x = new URL((await share.getByRole('link', { name: 'Share on X' }).getAttribute('href')) ?? '');
  expect(x.origin + x.pathname).toBe('https://x.com/intent/post');
  expect(x.searchParams.get('url')).toBe(canonical);
  expect(x.searchParams.get('text')).toBe(SEED_TITLE);

  const linkedIn = new URL((await share.getByRole('link', { name: 'Share on LinkedIn' }).getAttribute('href')) ?? '');
  expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/sharing/share-offsite/');
  expect(linkedIn.searchParams.get('url')).toBe(canonical);

  const facebook = new URL((await share.getByRole('link', { name: 'Share on Facebook' }).getAttribute('href')) ?? '');
  expect(facebook.origin + facebook.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
  expect(facebook.searchParams.get('u')).toBe(canonical);

  for (const name of ['Share on X', 'Share on LinkedIn', 'Share on Facebook']) {
    const link = share.getByRole('link', { name });
    await expect(link).toHaveAttribute('target', '_blank');
    await expect(link).toHaveAttribute('rel', /noopener/);
  }
  await expect(share.getByRole('button', { name: 'Copy link' })).toBeVisible();
});

test('Copy link puts the post URL on the clipboard and says so', async ({ page, context, baseURL }) => {
  await context.grantPermissions(['clipboard-write'], { origin: baseURL });
  // The page may write the clipboard but not read it (Permissions-Policy clipboard-read=()): what it writes is
  // recorded on its way to the real clipboard.
  await page.addInitScript(() => {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text: string) => {
      (window as unknown as { copied?: string }).copied = text;
      return write(text);
    };
  });
  await page.reload();
  const canonical = (await page.locator('link[rel="canonical"]').getAttribute('href')) ?? '';
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Link copied' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { copied?: string }).copied)).toBe(canonical);
});
