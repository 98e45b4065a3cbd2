import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { SITE_NAME } from './site';
import { db } from './users';

// Site settings for the specs that rename the site.

/**
 * Puts the seeded site name back for whatever runs next on this database: in the table
 * at once (even if the form fails), then through the settings form, which invalidates
 * the cached pages. `page` is signed in as an admin.
 */
export async function restoreSiteName(page: Page): Promise<void> {
  await db().query(`UPDATE settings SET value = to_jsonb($1::text) WHERE key = 'siteName'`, [SITE_NAME]);
  await page.goto('/admin/settings');
  await page.getByLabel('Site name').fill(SITE_NAME);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
}
