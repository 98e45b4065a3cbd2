import { expect, test } from '@playwright/test';
import { formatViolations, scanWcag } from './helpers/axe';
import { SEED_PATH } from './helpers/site';

// WCAG 2.1 A/AA with axe-core, one h1 per page, and the skip link, on every reader page type.

const PAGES: [name: string, path: string][] = [
  ['home', '/'],
  ['post', SEED_PATH],
  ['all posts', '/blog'],
  ['category', '/blog/categories/project-management'],
  ['tag', '/blog/tags/pmo'],
  ['search results', '/search?q=stepping-stone'],
  ['not found', '/post/this-post-does-not-exist'],
];

for (const [name, path] of PAGES) {
  test.describe(`${name} page (${path})`, () => {
    test.beforeEach(async ({ page }) => {
      await page.goto(path);
      // Wait for streamed content (lists and results render inside <Suspense>).
      await expect(page.getByRole('status', { name: 'Loading…' })).toHaveCount(0);
    });

    test('has no WCAG 2.1 A/AA violations', async ({ page }) => {
      const violations = await scanWcag(page);
      expect(violations, `axe found violations on ${path}:\n\n${formatViolations(violations)}`).toEqual([]);
    });

    test('has exactly one h1', async ({ page }) => {
      await expect(page.locator('h1')).toHaveCount(1);
    });

    test('the first Tab stop is the skip link, and it moves focus to main', async ({ page }) => {
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      await expect(skip).toBeFocused();
      await expect(skip).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('main')).toBeFocused();
      // The next Tab continues inside main, not back at the header.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
    });
  });
}
