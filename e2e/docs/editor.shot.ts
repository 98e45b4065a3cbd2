import { expect, test } from '@playwright/test';
import { createUser, signInAs } from '../helpers/users';

// The README's pictures, taken from the real editor: `npm run docs:screenshots` (a
// Playwright project that exists only with DOCS_SCREENSHOTS=1, so `npm test` never
// writes into the checkout). Writes docs/editor.png.

const BODY = `Most PMOs are judged by the reports they send, not by the decisions those reports make easier.

## Start from the decision

Ask each reader what they decide with the report, then cut **everything** that does not feed that decision.

- one page, three colours
- risks with an owner and a date
- a [glossary](/blog) for the acronyms

> A status report nobody reads is a cost, not a control.`;

test('the post editor', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 1280, height: 1000 });
  await signInAs(page.context(), await createUser({ role: 'AUTHOR', name: 'Dana Writer' }), baseURL ?? '');
  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  await page.getByLabel('Title', { exact: true }).fill('Status reports people actually read');
  await page.getByLabel('Body (markdown)').fill(BODY);
  await expect(page.getByTestId('preview').locator('h2')).toHaveText('Start from the decision');
  await expect(page.getByTestId('save-state')).toHaveText('Saved.', { timeout: 15_000 });
  await page.screenshot({ path: 'docs/editor.png' });
});
