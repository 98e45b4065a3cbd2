import type { BrowserContext, Page } from '@playwright/test';
import { storedCommentId } from './helpers/comments';
import { expect, PASSWORD, randomAddress, signIn, signUp, test, uniqueEmail } from './helpers/fixtures';
import { confirmationPath, nthMail } from './helpers/mail';
import { createUser, db, signInAs } from './helpers/users';
import { ACCOUNT_COOKIE, SESSION_COOKIE } from '../lib/cookie-names.mjs';

// Email-and-password accounts from the reader's side: signing up, out and in, the way
// back after signing in (and never off the site), the refusals at sign-in and sign-up,
// the lock after repeated failures, the profile page, and the session cookie. The
// success flows run again without JavaScript (plain form posts). Error paths without
// JavaScript are not covered here.

const BAD_CREDENTIALS =
  'That email and password do not match an account. Forgot your password, or was your account moved here from another site (it has no password yet)? Use “Forgot your password?” to choose one.';
const POST_SLUG = 'from-coordinator-to-program-manager';
const PROFILE_SLUG = 'writing-titles-that-get-clicked';
const PROFILE_TITLE = 'Writing Titles That Get Clicked, Honestly';
const OFF_SITE = ['https://evil.example/', '//evil.example', '/\\evil.example'];

const tag = () => Math.random().toString(36).slice(2, 10);

/** The form's announced message: the one live region with text in it. */
const formMessage = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

async function usersWithEmail(email: string) {
  const { rows } = await db().query<{ id: string; name: string; password_hash: string | null }>(
    'SELECT id, name, password_hash FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  return rows;
}

async function displayName(userId: string): Promise<string | null> {
  const { rows } = await db().query<{ name: string | null }>('SELECT name FROM users WHERE id = $1', [userId]);
  return rows[0]?.name ?? null;
}

async function fillSignUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

test('signing up shows the name in the header; signing out and in again', async ({ page, context, baseURL }) => {
  const name = `Nora Quill ${tag()}`;
  const { email } = await signUp(page, { name });
  await expect(page).toHaveURL(`${baseURL}/`);
  const header = page.getByRole('banner');
  await expect(header.getByRole('link', { name, exact: true })).toHaveAttribute('href', '/profile');
  expect(await sessionCookie(context)).toBeDefined();
  const [created, ...others] = await usersWithEmail(email);
  expect(others).toHaveLength(0);
  expect(created?.name).toBe(name);
  expect(created?.password_hash).toMatch(/^\$argon2id\$/);

  await header.getByRole('button', { name: 'Sign out' }).click();
  await expect(header.getByRole('link', { name: 'Log in' })).toBeVisible();
  await expect(header.getByRole('link', { name, exact: true })).toHaveCount(0);
  await expect.poll(() => sessionCookie(context)).toBeUndefined();

  await signIn(page, email, { returnTo: '/blog' });
  await expect(page).toHaveURL(`${baseURL}/blog`);
  await expect(header.getByRole('link', { name, exact: true })).toBeVisible();
  expect(await sessionCookie(context)).toBeDefined();
});

test('"Log in to comment" on a post brings the reader back to the post, signed in', async ({ page, baseURL }) => {
  const user = await createUser({ name: `Back To Post ${tag()}` });
  await page.goto(`/post/${POST_SLUG}`);
  await page.getByRole('link', { name: 'Log in to comment' }).click();
  await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=${encodeURIComponent(`/post/${POST_SLUG}#comments`)}`);
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(`${baseURL}/post/${POST_SLUG}#comments`);
  await expect(page.getByText('Commenting as')).toContainText(user.name);
  await expect(page.getByLabel('Write a comment')).toBeVisible();
});

test('creating an account from "Log in to comment" also comes back to the post', async ({ page, baseURL }) => {
  const name = `New From Post ${tag()}`;
  await page.goto(`/post/${POST_SLUG}`);
  await page.getByRole('link', { name: 'Log in to comment' }).click();
  await page.getByRole('link', { name: 'Create an account' }).click();
  await expect(page).toHaveURL(`${baseURL}/signup?callbackUrl=${encodeURIComponent(`/post/${POST_SLUG}#comments`)}`);
  const email = uniqueEmail();
  await fillSignUp(page, { name, email, password: PASSWORD });
  // Through the emailed confirmation link (the e2e run has SMTP), which carries the way back.
  await expect(page).toHaveURL(`${baseURL}/signup/check-email`);
  await page.goto(confirmationPath(await nthMail(email)));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(`${baseURL}/post/${POST_SLUG}#comments`);
  await expect(page.getByText('Commenting as')).toContainText(name);
});

for (const target of OFF_SITE) {
  test(`an off-site callbackUrl (${target}) is never followed`, async ({ page, context, baseURL }) => {
    const user = await createUser();
    const signInPage = `/signin?callbackUrl=${encodeURIComponent(target)}`;

    // As linked: the page itself only offers the way home.
    await page.goto(signInPage);
    await expect(page.locator('input[name="callbackUrl"]')).toHaveValue('/');
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/`);

    // Signed in, the sign-in page's "Continue" goes home too.
    await page.goto(signInPage);
    await expect(page.getByRole('link', { name: 'Continue' })).toHaveAttribute('href', '/');

    // A forged form field: the server action checks it again.
    await context.clearCookies();
    await page.goto(signInPage);
    await page.locator('input[name="callbackUrl"]').evaluate((el, value) => ((el as HTMLInputElement).value = value), target);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    expect(await sessionCookie(context)).toBeDefined();
  });
}

test('an off-site callbackUrl at sign-up is not followed either (forged field included)', async ({ page, context, baseURL }) => {
  await page.goto(`/signup?callbackUrl=${encodeURIComponent('//evil.example')}`);
  await expect(page.locator('input[name="callbackUrl"]')).toHaveValue('/');
  await page.locator('input[name="callbackUrl"]').evaluate((el) => ((el as HTMLInputElement).value = 'https://evil.example/'));
  const email = uniqueEmail();
  await fillSignUp(page, { name: `Off Site ${tag()}`, email, password: PASSWORD });
  // The way back travels in the emailed confirmation link (the e2e run has SMTP).
  await expect(page).toHaveURL(`${baseURL}/signup/check-email`);
  await page.goto(confirmationPath(await nthMail(email)));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(`${baseURL}/`);
  expect(await sessionCookie(context)).toBeDefined();
});

test('a wrong password is refused inline, keeping the email', async ({ page, context }) => {
  const user = await createUser();
  await signIn(page, user.email, { password: 'not the right password 42' });
  await expect(formMessage(page)).toHaveText(BAD_CREDENTIALS);
  await expect(page).toHaveURL(/\/signin\?/);
  await expect(page.getByLabel('Email')).toHaveValue(user.email);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  expect(await sessionCookie(context)).toBeUndefined();
});

test('an unknown email gets exactly the wrong-password answer', async ({ page, context }) => {
  const email = uniqueEmail('nobody');
  await signIn(page, email, { password: PASSWORD });
  await expect(formMessage(page)).toHaveText(BAD_CREDENTIALS);
  await expect(page.locator('.field-error')).toHaveCount(0);
  await expect(page.getByLabel('Email')).toHaveValue(email);
  expect(await sessionCookie(context)).toBeUndefined();
});

for (const [kind, password, reason] of [
  ['a too-short password', 'short pw1', 'Use at least 10 characters.'],
  ['a common password', 'password1234', 'This password is one of the most common ones. Choose another.'],
] as const) {
  test(`sign-up refuses ${kind}, keeping the name and email`, async ({ page, context }) => {
    const name = `Weak Password ${tag()}`;
    const email = uniqueEmail('weak');
    await page.goto('/signup');
    await fillSignUp(page, { name, email, password });
    await expect(formMessage(page)).toHaveText('Choose a stronger password.');
    const field = page.getByLabel('Password', { exact: true });
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#field-password-error')).toHaveText(reason);
    await expect(page.getByLabel('Name')).toHaveValue(name);
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await expect(page).toHaveURL(/\/signup/);
    expect(await usersWithEmail(email)).toHaveLength(0);
    expect(await sessionCookie(context)).toBeUndefined();
  });
}

test('sign-up with an already registered email answers like any sign-up and changes nothing', async ({ page, context, baseURL }) => {
  const existing = await createUser({ name: `Original Owner ${tag()}` });
  const [before] = await usersWithEmail(existing.email);
  const name = `Second Comer ${tag()}`;
  const typed = existing.email.toUpperCase();
  await page.goto('/signup');
  await fillSignUp(page, { name, email: typed, password: 'a different passphrase 9' });
  // With SMTP (the e2e run), no hint that the address is taken: the owner gets an email
  // (e2e/sign-up-verification.spec.ts). Without SMTP it is refused: README, known limit.
  await expect(page).toHaveURL(`${baseURL}/signup/check-email`);
  await expect(page.getByText(`We sent a link to ${existing.email}.`)).toBeVisible();
  expect(await usersWithEmail(existing.email)).toEqual([before]);
  const { rows } = await db().query('SELECT 1 FROM users WHERE name = $1', [name]);
  expect(rows).toHaveLength(0);
  expect(await sessionCookie(context)).toBeUndefined();
});

test('after 5 failed sign-ins the 6th is refused even with the right password', async ({ page, context, browser, baseURL }) => {
  const user = await createUser();
  for (let attempt = 1; attempt <= 5; attempt += 1) {
    await signIn(page, user.email, { password: `wrong password number ${attempt}` });
    await expect(formMessage(page), `attempt ${attempt}`).toHaveText(BAD_CREDENTIALS);
  }
  await signIn(page, user.email);
  await expect(formMessage(page)).toHaveText(/^Too many failed sign-ins\. Try again in \d+ (minutes|seconds)\.$/);
  await expect(page).toHaveURL(/\/signin\?/);
  await expect(page.getByLabel('Email')).toHaveValue(user.email);
  expect(await sessionCookie(context)).toBeUndefined();

  // The lock is on the account, not the address: another network is refused too.
  const elsewhere = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  try {
    const other = await elsewhere.newPage();
    await signIn(other, user.email);
    await expect(formMessage(other)).toHaveText(/^Too many failed sign-ins\./);
    expect(await sessionCookie(elsewhere)).toBeUndefined();
  } finally {
    await elsewhere.close();
  }
});

test('the profile lists the reader’s comments, shows initials, and renames them everywhere', async ({ page, context, baseURL: maybeBaseURL }) => {
  const baseURL = maybeBaseURL ?? '';
  const t = tag();
  const user = await createUser({ name: `Ada Lovelace ${t}` });
  await signInAs(context, user, baseURL);

  await page.goto('/profile');
  const account = page.locator('section[aria-labelledby="account-heading"]');
  await expect(account.getByRole('heading', { level: 2 })).toHaveText(user.name);
  await expect(account.locator('.avatar')).toHaveText('AL');
  await expect(account).toContainText(user.email);
  const yours = page.locator('section[aria-labelledby="comments-heading"]');
  await expect(yours).toContainText('You have not commented yet.');

  await page.goto(`/post/${PROFILE_SLUG}`);
  const body = `Promise only what the post delivers ${t}`;
  await page.getByLabel('Write a comment').fill(body);
  await page.getByTestId('comment-form').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('comment-list').getByRole('article', { name: user.name })).toContainText(body);
  const commentId = await storedCommentId(body);

  await page.goto('/profile');
  const items = yours.getByRole('listitem');
  await expect(items).toHaveCount(1);
  await expect(items.getByRole('link', { name: PROFILE_TITLE })).toHaveAttribute('href', `/post/${PROFILE_SLUG}#comment-${commentId}`);
  await expect(items).toContainText(body);

  // Refused names: the message, the field's error, what was typed, and no change.
  const field = page.getByLabel('Display name');
  const save = page.getByRole('button', { name: 'Save' });
  await field.fill('   ');
  await save.click();
  await expect(formMessage(page)).toHaveText('Check your name.');
  await expect(page.locator('#field-name-error')).toHaveText('Enter a name.');
  // The browser stops at 50 characters; the server must refuse more on its own.
  await field.evaluate((el) => el.removeAttribute('maxlength'));
  const long = 'L'.repeat(51);
  await field.fill(long);
  await save.click();
  await expect(page.locator('#field-name-error')).toHaveText('Use at most 50 characters.');
  await expect(field).toHaveValue(long);
  expect(await displayName(user.id)).toBe(user.name);

  const newName = `Grace Hopper ${t}`;
  await field.fill(newName);
  await save.click();
  await expect(formMessage(page)).toHaveText('Saved.');
  await expect(page.locator('#field-name-error')).toHaveCount(0);
  expect(await displayName(user.id)).toBe(newName);

  await page.reload();
  await expect(account.getByRole('heading', { level: 2 })).toHaveText(newName);
  await expect(account.locator('.avatar')).toHaveText('GH');
  await expect(page.getByRole('banner').getByRole('link', { name: newName, exact: true })).toBeVisible();

  await page.goto(`/post/${PROFILE_SLUG}`);
  await expect(page.getByRole('banner').getByRole('link', { name: newName, exact: true })).toBeVisible();
  const comment = page.locator(`[id="comment-${commentId}"] > article`);
  await expect(comment.locator('.c-author')).toHaveText(newName);
  await expect(comment.locator('.avatar')).toHaveText('GH');
  await expect(page.getByTestId('comment-list')).not.toContainText(user.name);
});

test('the session cookie is HttpOnly and SameSite=Lax', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signIn(page, user.email);
  await expect(page).toHaveURL(`${baseURL}/`);
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === SESSION_COOKIE);
  expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  // Lasts the session's 30 days, not the browser session.
  expect(session?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 29 * 24 * 3600);
  expect(await page.evaluate(() => document.cookie)).not.toContain(SESSION_COOKIE);
  // The header's name cookie is readable by design, and holds only the name.
  expect(cookies.find((c) => c.name === ACCOUNT_COOKIE)).toMatchObject({ httpOnly: false, sameSite: 'Lax', value: encodeURIComponent(user.name) });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign up, sign out and sign in again are plain form posts', async ({ page, context, baseURL }) => {
    const name = `No Script ${tag()}`;
    const { email } = await signUp(page, { name, returnTo: '/blog' });
    await expect(page).toHaveURL(`${baseURL}/blog`);
    expect(await sessionCookie(context)).toBeDefined();
    await page.goto('/profile');
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(`${baseURL}/`);
    expect(await sessionCookie(context)).toBeUndefined();
    await page.goto('/profile');
    await expect(page).toHaveURL(`${baseURL}/signin?callbackUrl=%2Fprofile`);

    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/profile`);
    await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  });

  test('"Log in to comment" brings the reader back to the post', async ({ page, baseURL }) => {
    const user = await createUser({ name: `No Script Reader ${tag()}` });
    await page.goto(`/post/${POST_SLUG}`);
    await page.getByRole('link', { name: 'Log in to comment' }).click();
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(`${baseURL}/post/${POST_SLUG}#comments`);
    await expect(page.getByText('Commenting as')).toContainText(user.name);
    await expect(page.getByLabel('Write a comment')).toBeVisible();
  });

  test('an off-site callbackUrl is not followed', async ({ page, context, baseURL }) => {
    const user = await createUser();
    await signIn(page, user.email, { returnTo: '//evil.example' });
    await expect(page).toHaveURL(`${baseURL}/`);
    expect(await sessionCookie(context)).toBeDefined();
  });

  test('changing the display name', async ({ page, context, baseURL: maybeBaseURL }) => {
    const baseURL = maybeBaseURL ?? '';
    const t = tag();
    const user = await createUser({ name: `Plain Form ${t}` });
    await signInAs(context, user, baseURL);
    await page.goto('/profile');
    const newName = `Posted Form ${t}`;
    await page.getByLabel('Display name').fill(newName);
    await page.getByRole('button', { name: 'Save' }).click();
    // The post answers with the profile page itself, renamed, and says it was saved.
    const account = page.locator('section[aria-labelledby="account-heading"]');
    await expect(account.getByRole('heading', { level: 2 })).toHaveText(newName);
    await expect(account.locator('.avatar')).toHaveText('PF');
    await expect(page.getByLabel('Display name')).toHaveValue(newName);
    expect(await displayName(user.id)).toBe(newName);
    await expect(formMessage(page)).toHaveText('Saved.');
  });
});
