import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, PASSWORD, randomAddress, signIn, test, uniqueEmail } from './helpers/fixtures';
import { linkIn, mailTo, nthMail, type SinkMessage } from './helpers/mail';
import { createUser, db, signInAs } from './helpers/users';

// "Forgot your password?" against the production server and the real mail sink: the
// neutral answer, the emailed single-use link, the new password (which signs in here and
// out everywhere else), and an imported account (no password, no provider) claimed
// through the same link, without JavaScript too.

const NEW_PASSWORD = 'a brand new passphrase 2026';
const BAD_CREDENTIALS = 'That email and password do not match an account.';

/** The reset link of an email, as a path on the site. */
function resetPath(message: SinkMessage): string {
  return linkIn(message.text, '/password/reset?token=');
}

async function askForLink(page: Page, email: string) {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(page).toHaveURL(/\/password\/forgot$/);
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Send the link' }).click();
  await expect(page.getByText(`If ${email} has an account here, we sent it a link.`)).toBeVisible();
}

/** An account the way lib/dal/import-people.ts makes one: name, lower-case address, role, no password or provider. */
async function insertImported(name: string, role: 'AUTHOR' | 'MEMBER' = 'AUTHOR'): Promise<{ id: string; email: string }> {
  const id = `i${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const email = uniqueEmail('imported').toLowerCase();
  await db().query('INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())', [id, email, name, role]);
  return { id, email };
}

/** A link for `userId` stored as the app stores one (its SHA-256), for pages that need a token without a mail. */
async function storedLink(userId: string, expiresInMs = 60 * 60 * 1000): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const hash = createHash('sha256').update(token).digest('hex');
  await db().query('INSERT INTO password_resets (id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [`r${randomUUID()}`, userId, hash, new Date(Date.now() + expiresInMs)]);
  return `/password/reset?token=${token}`;
}

type Row = { password_hash: string | null; email_verified: Date | null; role: string };
async function userRow(id: string): Promise<Row | undefined> {
  return (await db().query<Row>('SELECT password_hash, email_verified, role FROM users WHERE id = $1', [id])).rows[0];
}

test('forgot → email → new password: signed in, every other session ended, the old password refused, the link dead', async ({ page, browser, baseURL }) => {
  const user = await createUser({ name: 'Rita Reset' });
  // Somewhere else, signed in before the reset.
  const elsewhere = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(elsewhere, user, baseURL ?? '');
  const elsewherePage = await elsewhere.newPage();
  await elsewherePage.goto('/profile');
  await expect(elsewherePage).toHaveURL(/\/profile$/);

  await askForLink(page, user.email);
  await expect(page.getByLabel('Email')).toHaveValue(user.email);
  const mail = await nthMail(user.email);
  expect(mail.subject).toMatch(/^Set a new password for /);
  expect(mail.text).toContain('Hi Rita Reset,');
  const link = resetPath(mail);
  expect(link).toMatch(/^\/password\/reset\?token=[A-Za-z0-9_-]{43}$/);

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Choose a new password', level: 1 })).toBeVisible();
  await expect(page.getByText(user.email)).toBeVisible();
  await page.getByLabel('New password').fill('password123');
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText('Choose a stronger password.')).toBeVisible();
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole('heading', { name: 'Rita Reset' })).toBeVisible();

  await elsewherePage.goto('/profile');
  await expect(elsewherePage).toHaveURL(/\/signin\?callbackUrl=%2Fprofile$/);
  await elsewhere.close();

  const fresh = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  const freshPage = await fresh.newPage();
  await signIn(freshPage, user.email);
  await expect(freshPage.getByText(BAD_CREDENTIALS)).toBeVisible();
  await signIn(freshPage, user.email, { password: NEW_PASSWORD });
  await expect(freshPage).toHaveURL(/\/$/);
  await fresh.close();

  const again = await page.goto(link);
  expect(again?.status()).toBeLessThan(500);
  await expect(page.getByRole('heading', { name: 'This link was already used', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Send a new link' })).toHaveAttribute('href', '/password/forgot');
  await expect(page.getByLabel('New password')).toHaveCount(0);
});

test('an address without an account gets word for word the same answer, and no email', async ({ page }) => {
  const user = await createUser();
  const nobody = uniqueEmail('nobody');
  await askForLink(page, nobody);
  const unknownText = (await page.locator('main').innerText()).replaceAll(nobody, '<email>');
  await askForLink(page, user.email);
  const knownText = (await page.locator('main').innerText()).replaceAll(user.email, '<email>');
  expect(unknownText).toBe(knownText);
  // The known address's email went out after the unknown one's job ran.
  await nthMail(user.email);
  expect(await mailTo(nobody)).toEqual([]);
});

test('a link that is changed, expired or made void says so, and the form refuses it', async ({ page }) => {
  const user = await createUser();
  for (const bad of ['/password/reset', '/password/reset?token=nonsense', `/password/reset?token=${'A'.repeat(43)}`]) {
    const res = await page.goto(bad);
    expect(res?.status(), bad).toBeLessThan(500);
    await expect(page.getByRole('heading', { name: 'This link is not valid', level: 1 })).toBeVisible();
  }
  await page.goto(await storedLink(user.id, -60_000));
  await expect(page.getByRole('heading', { name: 'This link has expired', level: 1 })).toBeVisible();
  await expect(page.getByText('Password links work for 60 minutes.')).toBeVisible();

  // Open while valid, expired before the click: the form answers with the reason.
  const link = await storedLink(user.id);
  await page.goto(link);
  await db().query(`UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [user.id]);
  await page.getByLabel('New password').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Save and sign in' }).click();
  await expect(page.getByText('Password links work for 60 minutes. Ask for a new one.')).toBeVisible();
  await signIn(page, user.email);
  await expect(page).toHaveURL(/\/$/);
});

test('signing up with the address of an imported account sends its claim link', async ({ page }) => {
  const imported = await insertImported('Ingrid Imported', 'MEMBER');
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Someone Else');
  await page.getByLabel('Email').fill(imported.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);
  const mail = await nthMail(imported.email);
  expect(mail.subject).toMatch(/ is waiting for you$/);
  expect(resetPath(mail)).toMatch(/^\/password\/reset\?token=/);
  expect((await userRow(imported.id))?.password_hash).toBeNull();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('an imported account: sign-in says how to claim it, the link sets its first password and signs in', async ({ page }) => {
    const imported = await insertImported('Ada Imported');
    await signIn(page, imported.email, { password: 'any password at all 1' });
    // No more than for an unknown address: the same sentence, which names the way in.
    await expect(page.getByText(BAD_CREDENTIALS)).toBeVisible();
    await expect(page.getByText('was your account moved here from another site (it has no password yet)?')).toBeVisible();

    await askForLink(page, imported.email);
    await expect(page.getByLabel('Email')).toHaveValue(imported.email);
    const mail = await nthMail(imported.email);
    expect(mail.subject).toMatch(/ is waiting for you$/);
    expect(mail.text).toContain('It has no password yet.');

    await page.goto(resetPath(mail));
    await expect(page.getByRole('heading', { name: 'Choose your password', level: 1 })).toBeVisible();
    await page.getByLabel('New password').fill('short');
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page.getByText('Use at least 10 characters.')).toBeVisible();
    await page.getByLabel('New password').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Save and sign in' }).click();
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole('heading', { name: 'Ada Imported' })).toBeVisible();

    const row = await userRow(imported.id);
    expect(row?.role).toBe('AUTHOR');
    expect(row?.email_verified).toBeInstanceOf(Date);
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
  });
});
