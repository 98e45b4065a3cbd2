import { expect, test } from './helpers/fixtures';
import { restoreSiteName } from './helpers/settings';
import { createUser, signInAs } from './helpers/users';

// Site settings: admins only; a saved setting shows on the public pages from the next
// request. Runs with the publishing specs, after the reader specs (it renames the site).

test('an admin renames the site and the home page shows it on the next request; bad input is refused and kept', async ({ page, context, baseURL, browser }) => {
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
  await page.goto('/admin/settings');
  const newName = `Renamed ${Date.now().toString(36)}`;
  try {
    await page.getByLabel('Posts per page').fill('500');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('At most 50.')).toBeVisible();
    await expect(page.getByLabel('Posts per page')).toHaveValue('500');

    await page.getByLabel('Site name').fill(newName);
    await page.getByLabel('Posts per page').fill('9');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();

    const reader = await browser.newContext({ baseURL });
    const home = await reader.newPage();
    await home.goto('/');
    await expect(home.getByRole('banner').getByRole('link', { name: newName, exact: true })).toBeVisible();
    await reader.close();
  } finally {
    await restoreSiteName(page);
  }
});

test('an editor gets a 403 at /admin/settings and the settings do not change', async ({ page, context, baseURL }) => {
  await signInAs(context, await createUser({ role: 'EDITOR' }), baseURL ?? '');
  expect((await page.goto('/admin/settings'))?.status()).toBe(403);
  await page.goto('/admin');
  await expect(page.getByRole('link', { name: 'Settings' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Stats' })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the settings form answers through a plain form post', async ({ page, context, baseURL }) => {
    await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
    await page.goto('/admin/settings');
    await page.getByLabel('Threads per page').fill('1');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('At least 5.')).toBeVisible();
    await expect(page.getByLabel('Threads per page')).toHaveValue('1');
  });
});
