import type { Browser, Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs } from './helpers/users';

// A post's way out and back: unpublish to a draft, the trash, restore, and an admin
// emptying the trash for good. Emptying the trash is site-wide (it takes every trashed
// post, other specs' too), so this spec runs with the site-wide specs, alone.

async function postRow(id: string) {
  const { rows } = await db().query<{ slug: string; status: string; deleted_at: Date | null }>('SELECT slug, status, deleted_at FROM posts WHERE id = $1', [id]);
  return rows[0];
}

/** What an anonymous reader gets at `path`: the status and whether `text` is on the page. */
async function readerSees(browser: Browser, baseURL: string, path: string, text: string): Promise<{ status: number; shows: boolean }> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    const response = await page.goto(path);
    return { status: response?.status() ?? 0, shows: (await page.getByText(text).count()) > 0 };
  } finally {
    await context.close();
  }
}

async function publishNew(page: Page, title: string): Promise<string> {
  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  const id = page.url().split('/').pop() ?? '';
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body (markdown)').fill('A post that goes to the trash and comes back.');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  return id;
}

test('unpublish, trash, restore: the public pages follow each step; an admin empties the trash for good (no JavaScript needed)', async ({ page, baseURL, browser }) => {
  // Seven page loads in fresh contexts besides the editor's steps: more than the default 45 s on a loaded machine.
  test.setTimeout(90_000);
  const base = baseURL ?? '';
  await signInAs(page.context(), await createUser({ role: 'AUTHOR' }), base);
  const title = `Round trip ${Date.now().toString(36)}`;
  const id = await publishNew(page, title);
  const { slug } = (await postRow(id)) ?? { slug: '' };
  expect(await readerSees(browser, base, `/post/${slug}`, title)).toEqual({ status: 200, shows: true });

  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect.poll(async () => (await postRow(id))?.status).toBe('DRAFT');
  expect((await readerSees(browser, base, `/post/${slug}`, title)).status).toBe(404);
  expect((await readerSees(browser, base, '/', title)).shows).toBe(false);

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\?filter=trash$/);
  await expect(page.getByRole('status')).toContainText('Moved to the trash.');
  const row = page.getByRole('row').filter({ hasText: title });
  await expect(row).toContainText('in the trash');
  expect((await readerSees(browser, base, `/post/${slug}`, title)).status).toBe(404);
  // Only admins empty the trash.
  await expect(page.getByText('Empty the trash…')).toHaveCount(0);

  await row.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('status')).toContainText('Restored');
  expect(await readerSees(browser, base, `/post/${slug}`, title)).toEqual({ status: 200, shows: true });

  await page.goto(`/admin/posts/${id}`);
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\?filter=trash$/);

  const admin = await browser.newContext({ baseURL: base, javaScriptEnabled: false });
  await signInAs(admin, await createUser({ role: 'ADMIN' }), base);
  const adminPage = await admin.newPage();
  await adminPage.goto('/admin/posts?filter=trash');
  await expect(adminPage.getByRole('row').filter({ hasText: title })).toBeVisible();
  await adminPage.getByText('Empty the trash…').click();
  await adminPage.getByRole('button', { name: 'Delete the posts in the trash for good' }).click();
  await expect(adminPage.getByRole('status')).toHaveText(/^Deleted \d+ posts? for good\.$/);
  await expect(adminPage.getByText('No posts here yet.')).toBeVisible();
  expect(await postRow(id)).toBeUndefined();
  expect((await readerSees(browser, base, `/post/${slug}`, title)).status).toBe(404);
  await admin.close();
});
