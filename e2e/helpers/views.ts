import type { Browser, Page, Response } from '@playwright/test';

/** Resolves with the server's answer to the page's view beacon (POST /api/views). */
export function waitForViewBeacon(page: Page): Promise<Response> {
  return page.waitForResponse((r) => new URL(r.url()).pathname === '/api/views' && r.request().method() === 'POST', {
    timeout: 10_000,
  });
}

/**
 * Opens `path` as a brand-new visitor (fresh context, given user agent) and waits until the
 * page's view beacon has been answered. The route only answers once the view is stored.
 */
export async function visitAs(browser: Browser, userAgent: string, path: string) {
  const context = await browser.newContext({ userAgent });
  const page = await context.newPage();
  const beacon = waitForViewBeacon(page);
  await page.goto(path);
  const response = await beacon;
  return { context, page, beaconStatus: response.status() };
}
