import { expect, test } from './helpers/fixtures';
import { formatViolations, scanWcag } from './helpers/axe';
import { createUser, signInAs } from './helpers/users';

// WCAG 2.1 A/AA on the account and comment pages: sign-in and sign-up for everyone, and
// for a signed-in member the post page with its comment form, the profile; for an
// editor the moderation queue.

const ANONYMOUS: [string, string][] = [
  ['sign in', '/signin'],
  ['sign up', '/signup'],
];

const SIGNED_IN: [string, string, 'MEMBER' | 'EDITOR'][] = [
  ['post with the comment form', '/post/agile-and-the-pmo', 'MEMBER'],
  ['profile', '/profile', 'MEMBER'],
  ['moderation queue', '/admin/comments?filter=all', 'EDITOR'],
];

for (const [name, path] of ANONYMOUS) {
  test(`${name} page (${path}) has no WCAG 2.1 A/AA violations and one h1`, async ({ page }) => {
    await page.goto(path);
    const violations = await scanWcag(page);
    expect(violations, `axe found violations on ${path}:\n\n${formatViolations(violations)}`).toEqual([]);
    await expect(page.locator('h1')).toHaveCount(1);
  });
}

for (const [name, path, role] of SIGNED_IN) {
  test(`${name} (${path}, ${role.toLowerCase()}) has no WCAG 2.1 A/AA violations and one h1`, async ({ page, context, baseURL }) => {
    await signInAs(context, await createUser({ role }), baseURL ?? '');
    await page.goto(path);
    if (path.startsWith('/post/')) await expect(page.getByLabel('Write a comment')).toBeVisible();
    const violations = await scanWcag(page);
    expect(violations, `axe found violations on ${path}:\n\n${formatViolations(violations)}`).toEqual([]);
    await expect(page.locator('h1')).toHaveCount(1);
  });
}
