import { createHmac } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, PASSWORD, signIn, test, uniqueEmail } from './helpers/fixtures';
import { confirmationPath, mailTo, nthMail } from './helpers/mail';
import { createUser, db, signInAs } from './helpers/users';

// Password sign-up with email verification (the e2e run has SMTP: a mail sink). Every
// sign-up lands on the same "check your email" page; the email says the rest. The link's
// page asks for a click; the click confirms and signs in. With and without JavaScript.

async function submitSignUp(page: Page, { name, email, returnTo = '/' }: { name: string; email: string; returnTo?: string }) {
  await page.goto(`/signup?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
}

type Row = { id: string; name: string | null; password_hash: string | null; email_verified: Date | null };

async function usersWithEmail(email: string): Promise<Row[]> {
  const { rows } = await db().query<Row>('SELECT id, name, password_hash, email_verified FROM users WHERE email = $1', [email]);
  return rows;
}

/** The check-email page's text with the address taken out, to compare two answers. */
async function checkEmailText(page: Page, email: string): Promise<string> {
  return (await page.locator('main').innerText()).replaceAll(email, '<email>');
}

async function expectSignedInAs(page: Page, name: string) {
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name })).toBeVisible();
}

/** A confirmation link signed like the site's (AUTH_SECRET), with claims of our choosing. */
function forgeLink(claims: { u: string; n: string; c: string; x: number }, passwordHash: string): string {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('e2e: AUTH_SECRET is not set; run the e2e tests through `npm run test:e2e`');
  const encoded = Buffer.from(JSON.stringify(claims), 'utf8').toString('base64url');
  const signature = createHmac('sha256', secret).update(`quire:confirm-email:${encoded}:`).update(passwordHash).digest('base64url');
  return `/signup/confirm?token=${encoded}.${signature}`;
}

test('sign up, check your email, open the link, confirm: signed in where the reader was going', async ({ page }) => {
  const email = uniqueEmail('verify');
  await submitSignUp(page, { name: 'Vera Verified', email, returnTo: '/blog' });
  await expect(page.getByRole('heading', { name: 'Check your email', level: 1 })).toBeVisible();
  await expect(page.getByText(`We sent a link to ${email}.`)).toBeVisible();
  const [pending] = await usersWithEmail(email);
  expect(pending?.email_verified).toBeNull();
  expect(pending?.password_hash).toMatch(/^\$argon2id\$/);

  const mail = await nthMail(email);
  expect(mail.subject).toMatch(/^Confirm your email address for /);
  expect(mail.text).toContain('Hi Vera Verified,');
  const link = confirmationPath(mail);

  // Opening the link (as a mail scanner would) changes nothing.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Confirm your email', level: 1 })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  expect((await usersWithEmail(email))[0]?.email_verified).toBeNull();

  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(/\/blog$/);
  expect((await usersWithEmail(email))[0]?.email_verified).toBeInstanceOf(Date);
  await expectSignedInAs(page, 'Vera Verified');

  // The link works once.
  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Email already confirmed', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Confirm and sign in' })).toHaveCount(0);
});

test('a registered email gets the same page and a "someone tried" email; no new user, nothing changed', async ({ page, browser, baseURL }) => {
  const owner = await createUser({ name: 'Already Here' });
  const [before] = await usersWithEmail(owner.email);

  await submitSignUp(page, { name: 'Someone Else', email: owner.email });
  const registeredText = await checkEmailText(page, owner.email);

  // A brand-new address, from another visitor: word for word the same page.
  const other = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '198.18.250.1' } });
  const otherPage = await other.newPage();
  const fresh = uniqueEmail('fresh');
  await submitSignUp(otherPage, { name: 'Someone Else', email: fresh });
  expect(await checkEmailText(otherPage, fresh)).toBe(registeredText);
  await other.close();

  const mail = await nthMail(owner.email);
  expect(mail.subject).toMatch(/^Your account on /);
  expect(mail.text).toContain('Someone tried to create an account');
  expect(mail.text).toMatch(/\/signin\?callbackUrl=%2F/);
  expect(mail.text).not.toContain('/signup/confirm');
  expect(await usersWithEmail(owner.email)).toEqual([before]);
  // Still the owner's password.
  await signIn(page, owner.email);
  await expect(page).toHaveURL(/\/$/);
});

test('an unconfirmed account: the right password is told to confirm and may get a new link; a wrong one hears the usual', async ({ page }) => {
  const email = uniqueEmail('unconfirmed');
  await submitSignUp(page, { name: 'Not Yet', email, returnTo: '/blog' });
  await nthMail(email);

  await signIn(page, email, { password: 'not the right password 1', returnTo: '/blog' });
  await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send a new link' })).toHaveCount(0);

  await signIn(page, email, { returnTo: '/blog' });
  await expect(page.getByText(`Confirm your email first: open the link we sent to ${email}.`)).toBeVisible();
  await expect(page).toHaveURL(/\/signin/);
  await page.getByRole('button', { name: 'Send a new link' }).click();
  await expect(page.getByText(`We sent a new link to ${email}.`)).toBeVisible();

  const resent = await nthMail(email, 2);
  await page.goto(confirmationPath(resent));
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page).toHaveURL(/\/blog$/);
  await expectSignedInAs(page, 'Not Yet');
});

test('a changed, expired or replaced link shows a clear page with the way to a new one', async ({ page }) => {
  const email = uniqueEmail('badlink');
  await submitSignUp(page, { name: 'Link Tester', email });
  const link = confirmationPath(await nthMail(email));

  const tampered = link.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
  const res = await page.goto(tampered);
  expect(res?.status()).toBeLessThan(500);
  await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up again' })).toHaveAttribute('href', '/signup');
  await expect(page.getByRole('button', { name: 'Confirm and sign in' })).toHaveCount(0);

  for (const garbage of ['/signup/confirm', '/signup/confirm?token=nonsense', '/signup/confirm?token=a.b&token=c.d']) {
    const r = await page.goto(garbage);
    expect(r?.status(), garbage).toBeLessThan(500);
    await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
  }

  const [row] = await usersWithEmail(email);
  const expired = forgeLink({ u: row?.id ?? '', n: 'Link Tester', c: '/', x: Math.floor(Date.now() / 1000) - 60 }, row?.password_hash ?? '');
  await page.goto(expired);
  await expect(page.getByRole('heading', { name: 'This link has expired', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Sign up again' })).toBeVisible();

  // Open, then a newer sign-up for the address replaces the link before the click.
  await page.goto(link);
  await expect(page.getByRole('button', { name: 'Confirm and sign in' })).toBeVisible();
  const again = await page.context().newPage();
  await submitSignUp(again, { name: 'Link Tester', email });
  await again.close();
  await page.getByRole('button', { name: 'Confirm and sign in' }).click();
  await expect(page.getByText(/a newer email replaced it/).first()).toBeVisible();
  expect((await usersWithEmail(email))[0]?.email_verified).toBeNull();
  await nthMail(email, 2);
  expect(await mailTo(email)).toHaveLength(2);
});

test('a session from before the address was confirmed ends when it is (the address may have changed hands)', async ({ page, context, baseURL }) => {
  // An account made without verification (before SMTP was set), signed in then.
  const user = await createUser({ name: 'Early Session', verified: false });
  await signInAs(context, user, baseURL ?? '');
  await expectSignedInAs(page, 'Early Session');
  // Its address confirmed later, by whoever opened the link: the old session is over.
  await db().query("UPDATE users SET email_verified = now() + interval '10 minutes' WHERE id = $1", [user.id]);
  await page.goto('/profile');
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprofile$/);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('sign up, confirm from the email, signed in; the unconfirmed sign-in and "send a new link" work too', async ({ page }) => {
    const email = uniqueEmail('nojs-verify');
    await submitSignUp(page, { name: 'Plain Verifier', email, returnTo: '/blog' });
    await expect(page.getByText(`We sent a link to ${email}.`)).toBeVisible();
    // The address came in a one-time flash, not the URL: a reload keeps the page without it.
    await page.reload();
    await expect(page.getByText('We sent a link to the email address you entered.')).toBeVisible();
    await nthMail(email);

    await signIn(page, email, { returnTo: '/blog' });
    await expect(page.getByText(`Confirm your email first: open the link we sent to ${email}.`)).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(email);
    await page.getByRole('button', { name: 'Send a new link' }).click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fblog$/);
    await expect(page.getByText(`We sent a new link to ${email}.`)).toBeVisible();

    await page.goto(confirmationPath(await nthMail(email, 2)));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect(page).toHaveURL(/\/blog$/);
    await expectSignedInAs(page, 'Plain Verifier');
  });

  test('a link replaced before the click says so on its page', async ({ page }) => {
    const email = uniqueEmail('nojs-replaced');
    await submitSignUp(page, { name: 'Plain Replaced', email });
    const link = confirmationPath(await nthMail(email));
    await page.goto(link);
    const again = await page.context().newPage();
    await submitSignUp(again, { name: 'Plain Replaced', email });
    await again.close();
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign up again' })).toBeVisible();
  });
});
