import { expect, PASSWORD, test } from './helpers/fixtures';
import { createUser, signInAs } from './helpers/users';

// Pages that need a session send readers without one to sign in with a real HTTP
// redirect (readers without JavaScript too), and bring them back afterwards.

for (const path of ['/profile', '/admin/comments?filter=held']) {
  test(`${path} without a session answers 307 to /signin with the way back`, async ({ request }) => {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status()).toBe(307);
    const location = new URL(res.headers()['location'] ?? '', 'http://x');
    expect(location.pathname).toBe('/signin');
    expect(location.searchParams.get('callbackUrl')).toBe(path);
  });
}

test('signing in from the redirect comes back to /profile', async ({ page }) => {
  const user = await createUser({ name: 'Back Again' });
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprofile$/);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: 'Back Again' })).toBeVisible();
});

test('with a session, /profile is the profile', async ({ page, context, baseURL }) => {
  const user = await createUser({ name: 'Has Session' });
  await signInAs(context, user, baseURL ?? '');
  const res = await page.goto('/profile');
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Has Session' })).toBeVisible();
});
