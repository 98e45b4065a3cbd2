import type { Page } from '@playwright/test';
import { formatViolations, scanWcag } from './helpers/axe';
import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs, type TestUser } from './helpers/users';

// Users and roles (/admin/users): admins only; a new role applies from the user's next
// request; the role form works without JavaScript. The last-admin rule needs the whole
// site to itself: e2e/admin-users-last-admin.spec.ts.

async function roleOf(user: TestUser): Promise<string | undefined> {
  const { rows } = await db().query<{ role: string }>('SELECT role FROM users WHERE id = $1', [user.id]);
  return rows[0]?.role;
}

/** The list narrowed to one user through the search form (a GET form: the same with or without JavaScript). */
async function findUser(page: Page, user: TestUser): Promise<void> {
  await page.goto('/admin/users');
  await page.getByLabel('Name or email').fill(user.email);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.waitForURL((url) => url.searchParams.get('q') === user.email);
  await expect(page.getByTestId('user-table').locator('tbody tr')).toHaveCount(1);
}

test('an admin makes a member an author, who can open /admin/posts once signed in again', async ({ page, context, baseURL, browser }) => {
  const member = await createUser();
  const memberContext = await browser.newContext({ baseURL });
  await signInAs(memberContext, member, baseURL ?? '');
  const memberPage = await memberContext.newPage();
  expect((await memberPage.goto('/admin/posts'))?.status()).toBe(403);

  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Users', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await findUser(page, member);
  const row = page.getByTestId('user-table').locator('tbody tr');
  await expect(row).toContainText(member.email);
  await expect(row).toContainText('Active');
  await page.getByLabel(`Role of ${member.name}`).selectOption('AUTHOR');
  await page.getByRole('button', { name: `Save role of ${member.name}` }).click();
  await expect(row.getByRole('status')).toHaveText(`${member.name} is now an author (was a member).`);
  await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue('AUTHOR');
  expect(await roleOf(member)).toBe('AUTHOR');

  // A role change ends the account's sessions (issue 15): the session from before is over; signed in again,
  // the new role holds from that request on.
  await memberPage.goto('/admin/posts');
  await expect(memberPage).toHaveURL(/\/signin\?callbackUrl=/);
  await signInAs(memberContext, member, baseURL ?? '');
  expect((await memberPage.goto('/admin/posts'))?.status()).toBe(200);
  await expect(memberPage.getByRole('heading', { name: 'Posts', level: 1 })).toBeVisible();
  await memberContext.close();
});

test('the users page has no WCAG 2.1 A/AA violations and one h1', async ({ page, context, baseURL }) => {
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
  await page.goto('/admin/users');
  await expect(page.getByTestId('user-table')).toBeVisible();
  const violations = await scanWcag(page);
  expect(violations, `axe found violations on /admin/users:\n\n${formatViolations(violations)}`).toEqual([]);
  await expect(page.locator('h1')).toHaveCount(1);
});

test('an editor gets a 403 at /admin/users and no Users link; the roles stay as they were', async ({ page, context, baseURL }) => {
  const member = await createUser();
  await signInAs(context, await createUser({ role: 'EDITOR' }), baseURL ?? '');
  const response = await page.goto('/admin/users');
  expect(response?.status()).toBe(403);
  await page.goto('/admin');
  await expect(page.getByRole('link', { name: 'Users', exact: true })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Comments', exact: true })).toBeVisible();
  expect(await roleOf(member)).toBe('MEMBER');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search and the role form work as plain form posts and come back to the same list', async ({ page, context, baseURL }) => {
    const member = await createUser();
    await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
    await findUser(page, member);
    await page.getByLabel(`Role of ${member.name}`).selectOption('EDITOR');
    await page.getByRole('button', { name: `Save role of ${member.name}` }).click();
    await expect(page.getByText(`${member.name} is now an editor (was a member).`)).toBeVisible();
    // Back on the same list (the flash is for this path), still searching for the member.
    expect(new URL(page.url()).searchParams.get('q')).toBe(member.email);
    await expect(page.getByLabel(`Role of ${member.name}`)).toHaveValue('EDITOR');
    expect(await roleOf(member)).toBe('EDITOR');
    // The answer was for one request only.
    await page.reload();
    await expect(page.getByText(`${member.name} is now an editor`)).toHaveCount(0);
  });
});
