import { expect, test } from './helpers/fixtures';
import { pngSize } from './helpers/json-ld';
import { restoreSiteName } from './helpers/settings';
import { SITE_NAME } from './helpers/site';
import { createUser, signInAs } from './helpers/users';

// The icons and the manifest are drawn from the site name and cached with the settings:
// renaming the site through the settings form redraws them at once. Renames the site, so
// it runs with the site-wide specs.

async function icons(request: import('@playwright/test').APIRequestContext) {
  const [small, apple, favicon, manifest] = await Promise.all([
    request.get('/icon/32'),
    request.get('/apple-icon'),
    request.get('/favicon.ico'),
    request.get('/manifest.webmanifest'),
  ]);
  return {
    small: await small.body(),
    apple: await apple.body(),
    favicon: await favicon.body(),
    manifest: (await manifest.json()) as { name: string; short_name: string },
  };
}

test('renaming the site renames the manifest and redraws every icon', async ({ browser, request }, testInfo) => {
  const baseURL = testInfo.project.use.baseURL ?? '';
  const context = await browser.newContext({ baseURL });
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL);
  const page = await context.newPage();
  const before = await icons(request);
  expect(before.manifest.name).toBe(SITE_NAME);
  expect(pngSize(before.small)).toEqual({ width: 32, height: 32 });
  // A name with another initial ('s' → 'Z') and an accent, so the drawn letter must change.
  const newName = `Žebra ${Date.now().toString(36)}`;
  try {
    await page.goto('/admin/settings');
    await page.getByLabel('Site name').fill(newName);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByText('Settings saved.')).toBeVisible();
    const after = await icons(request);
    expect(after.manifest).toMatchObject({ name: newName, short_name: newName });
    for (const key of ['small', 'apple', 'favicon'] as const) {
      expect(pngSize(after[key]), key).toEqual(pngSize(before[key]));
      expect(after[key].equals(before[key]), `${key} is redrawn`).toBe(false);
    }
  } finally {
    await restoreSiteName(page);
    await context.close();
  }
  expect((await icons(request)).manifest.name).toBe(SITE_NAME);
});
