import { expect, test } from '@playwright/test';
import { createUser, sessionCookieHeader, signInAs } from './helpers/users';

// Signing out everywhere (the profile page's button, a plain form post): the session of
// this browser and of every other device end at once: the other device's next request to
// a signed-in page is sent to sign in, and the production server's signed-in post page
// (the shell with the reader's layer, x-quire-cache: READER) no longer serves it.

const POST = '/post/agile-and-the-pmo';

test.use({ javaScriptEnabled: false });

test('sign out everywhere ends this session and the other devices\' at once, without JavaScript', async ({ page, context, baseURL, request }) => {
  const user = await createUser({ name: `Everywhere ${Date.now().toString(36)}` });
  await signInAs(context, user, baseURL ?? '');
  const otherDevice = { cookie: await sessionCookieHeader(user) };
  const before = await request.get(POST, { headers: otherDevice });
  expect(before.headers()['x-quire-cache']).toBe('READER');
  expect(await before.text()).toContain(`<strong data-reader-name="">${user.name}</strong>`);

  await page.goto('/profile');
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page).toHaveURL(`${baseURL}/signin`);
  await expect(page.getByText('You are signed out on every device.')).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'next-auth.session-token')).toBeUndefined();

  const profile = await request.get('/profile', { headers: otherDevice, maxRedirects: 0 });
  expect(profile.status()).toBe(307);
  expect(profile.headers().location).toContain('/signin?callbackUrl=%2Fprofile');
  const after = await request.get(POST, { headers: otherDevice });
  expect(after.status()).toBe(200);
  expect(after.headers()['x-quire-cache']).not.toBe('READER');
  expect(await after.text()).not.toContain(user.name);
});
