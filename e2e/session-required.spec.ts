import { expect, PASSWORD, test } from './helpers/fixtures';
import { createUser, signInAs } from './helpers/users';
import { SESSION_COOKIE } from '../lib/cookie-names.mjs';

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

test('the admin area answers 403 to a member and to a forged session goes to sign-in', async ({ page, context, baseURL, request }) => {
  const member = await createUser({ name: 'Not Staff' });
  await signInAs(context, member, baseURL ?? '');
  for (const path of ['/admin', '/admin/comments']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot open this page' })).toBeVisible();
  }
  const forged = await request.get('/admin', { maxRedirects: 0, headers: { cookie: `${SESSION_COOKIE}=forged` } });
  expect(forged.status()).toBe(307);
  expect(forged.headers()['location']).toContain('/signin?callbackUrl=%2Fadmin');
});

test('a contributor enters the admin area but not the moderation queue', async ({ page, context, baseURL }) => {
  const contributor = await createUser({ role: 'CONTRIBUTOR', name: 'Casual Writer' });
  await signInAs(context, contributor, baseURL ?? '');
  const home = await page.goto('/admin');
  expect(home?.status()).toBe(200);
  await expect(page.getByText('Signed in as Casual Writer (contributor).')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Comments' })).toHaveCount(0);
  expect((await page.goto('/admin/comments'))?.status()).toBe(403);
});

test('an editor sees the moderation queue among the admin sections', async ({ page, context, baseURL }) => {
  await signInAs(context, await createUser({ role: 'EDITOR' }), baseURL ?? '');
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Comments' }).click();
  await expect(page).toHaveURL(/\/admin\/comments/);
  await expect(page.getByRole('heading', { name: 'Comments', level: 1 })).toBeVisible();
});
