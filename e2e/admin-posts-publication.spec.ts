import { as, newPost, unique } from './helpers/editor';
import { expect, test } from './helpers/fixtures';
import { postRow } from './helpers/posts';
import { readSitemap, sitemapEntries } from './helpers/sitemap';
import { db } from './helpers/users';

// A post's public addresses as the editor changes them: renaming keeps the old address as
// a permanent redirect, the sitemap lists a post as soon as it is published and drops it
// when unpublished, and a post scheduled a few seconds ahead appears by itself.

test('renaming a published post keeps the old address working with a permanent redirect', async ({ page, baseURL, request }) => {
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  await page.getByLabel('Title', { exact: true }).fill(unique('Soon renamed'));
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  const oldSlug = (await postRow(id))?.slug ?? '';
  expect((await request.get(`/post/${oldSlug}`)).status()).toBe(200);
  const newSlug = `renamed-${oldSlug}`.slice(0, 100);
  await page.getByLabel('Address', { exact: true }).fill(newSlug);
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  const moved = await request.get(`/post/${oldSlug}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()['location']).toMatch(new RegExp(`/post/${newSlug}$`));
  expect((await request.get(`/post/${newSlug}`)).status()).toBe(200);
});

test('the sitemap lists a post as soon as it is published, with its exact lastmod; follows a new address; drops it when unpublished', async ({ page, baseURL, request }) => {
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  await page.getByLabel('Title', { exact: true }).fill(unique('Sitemap arrival'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  const listed = async () => new Map(sitemapEntries(await readSitemap(request)).map((e) => [new URL(e.url).pathname, e.lastmod]));
  const updatedAt = async () => (await db().query<{ t: Date }>('SELECT updated_at AS t FROM posts WHERE id = $1', [id])).rows[0]?.t.toISOString();
  // Read once before publishing, so what follows is served after an invalidation, not a first render.
  expect([...(await listed()).keys()]).not.toContain(`/post/${(await postRow(id))?.slug}`);

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  const slug = (await postRow(id))?.slug ?? '';
  expect((await listed()).get(`/post/${slug}`)).toBe(await updatedAt());

  const renamed = `moved-${slug}`.slice(0, 100);
  await page.getByLabel('Address', { exact: true }).fill(renamed);
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  const afterRename = await listed();
  expect(afterRename.has(`/post/${slug}`)).toBe(false);
  expect(afterRename.get(`/post/${renamed}`)).toBe(await updatedAt());

  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect.poll(async () => (await postRow(id))?.status).toBe('DRAFT');
  expect((await listed()).has(`/post/${renamed}`)).toBe(false);
});

test('a post scheduled a few seconds ahead appears on the home page by itself', async ({ page, baseURL, browser }) => {
  test.setTimeout(90_000);
  await as(page, 'AUTHOR', baseURL);
  await newPost(page);
  const title = unique('Scheduled arrival');
  await page.getByLabel('Title', { exact: true }).fill(title);
  const at = new Date(Date.now() + 15_000).toISOString().slice(0, 19);
  await page.getByLabel('Publish at (UTC)').fill(at);
  await page.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Scheduled.');
  const reader = await browser.newContext({ baseURL });
  const home = await reader.newPage();
  await home.goto('/');
  await expect(home.getByRole('link', { name: title })).toHaveCount(0);
  // Nobody acts: the reader only reloads.
  await expect(async () => {
    await home.reload();
    await expect(home.getByRole('link', { name: title }).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [2000] });
  await reader.close();
});
