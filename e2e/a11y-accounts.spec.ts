import { createHash, randomBytes } from 'node:crypto';
import { expect, PASSWORD, test, uniqueEmail } from './helpers/fixtures';
import { formatViolations, scanWcag } from './helpers/axe';
import { confirmationPath, nthMail } from './helpers/mail';
import { createUser, db, signInAs } from './helpers/users';

// WCAG 2.1 A/AA on the account and comment pages: sign-in and sign-up for everyone (with
// the email confirmation pages and the password reset pages), and for a signed-in member the post page with its comment form, the profile; for an
// editor the moderation queue.

const ANONYMOUS: [string, string][] = [
  ['sign in', '/signin'],
  ['sign up', '/signup'],
  ['check your email', '/signup/check-email'],
  ['a confirmation link that is not valid', '/signup/confirm?token=not-a-token'],
  ['forgot your password', '/password/forgot'],
  ['a password link that is not valid', '/password/reset?token=not-a-token'],
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

test('the confirmation page of an emailed link has no WCAG 2.1 A/AA violations and one h1', async ({ page }) => {
  const email = uniqueEmail('a11y');
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Ally Confirm');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
  await page.goto(confirmationPath(await nthMail(email)));
  await expect(page.getByRole('button', { name: 'Confirm and sign in' })).toBeVisible();
  const violations = await scanWcag(page);
  expect(violations, `axe found violations on the confirmation page:\n\n${formatViolations(violations)}`).toEqual([]);
  await expect(page.locator('h1')).toHaveCount(1);
});

test('the page of an emailed password link (an imported account) has no WCAG 2.1 A/AA violations and one h1', async ({ page }) => {
  const user = await createUser({ role: 'AUTHOR' });
  await db().query('UPDATE users SET password_hash = NULL WHERE id = $1', [user.id]);
  // A link stored as the app stores one: the SHA-256 of the token.
  const token = randomBytes(32).toString('base64url');
  await db().query(`INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 hour')`, [
    `r${user.id}`,
    user.id,
    createHash('sha256').update(token).digest('hex'),
  ]);
  await page.goto(`/password/reset?token=${token}`);
  await expect(page.getByRole('heading', { name: 'Choose your password', level: 1 })).toBeVisible();
  const violations = await scanWcag(page);
  expect(violations, `axe found violations on the password page:\n\n${formatViolations(violations)}`).toEqual([]);
  await expect(page.locator('h1')).toHaveCount(1);
});

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
