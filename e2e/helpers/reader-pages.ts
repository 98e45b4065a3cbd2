import { expect, type Page } from '@playwright/test';

/** `path` fetched with the page's cookies: a 200, how it was served (`x-quire-cache`, null for a render) and its HTML. */
export async function servedPage(page: Page, path: string): Promise<{ cache: string | null; html: string }> {
  const res = await page.request.get(path);
  expect(res.status()).toBe(200);
  return { cache: res.headers()['x-quire-cache'] ?? null, html: await res.text() };
}
