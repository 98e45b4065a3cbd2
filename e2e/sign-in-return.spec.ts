import { fillSignUp, sessionCookie, tag } from './helpers/accounts';
import { expect, PASSWORD, signIn, test, uniqueEmail } from './helpers/fixtures';
import { confirmationPath, nthMail } from './helpers/mail';
import { createUser } from './helpers/users';

// The way back after signing in or signing up: "Log in to comment" returns to the post,
// and a callbackUrl off the site is never followed (as linked, or forged in the form).
// The main cases run again without JavaScript.

const POST_SLUG = 'from-coordinator-to-program-manager';
const OFF_SITE = ['https://evil.example/', '//evil.example', '/\\evil.example'];

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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

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
});
