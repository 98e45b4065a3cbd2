import { expect, type Page } from '@playwright/test';

/**
 * Slugs of the post cards in the page's main content, in order (read from their title links).
 * Lists stream in behind a "Loading…" skeleton, so this waits for the skeleton to go first.
 */
export async function cardSlugs(page: Page): Promise<string[]> {
  await expect(page.getByRole('status', { name: 'Loading…' })).toHaveCount(0);
  const hrefs = await page
    .getByRole('main')
    .getByRole('article')
    .getByRole('heading')
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((href) => href.replace(/^\/post\//, ''));
}
