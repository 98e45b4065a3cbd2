import { expect, test, type Page } from '@playwright/test';
import { signUp } from './helpers/fixtures';

// Sign-in with OpenID Connect against a real provider: e2e/helpers/oidc-server.mjs
// (oidc-provider), started by the harness with OIDC_ISSUER, OIDC_CLIENT_ID,
// OIDC_CLIENT_SECRET and OIDC_NAME set for the site. Its dev login form takes any
// password; the login picks the account ("verified", "unverified", …).
test.describe.configure({ mode: 'serial' });

const PROVIDER_NAME = process.env.OIDC_NAME ?? 'Test OIDC';

test.beforeAll(async () => {
  const issuer = process.env.OIDC_ISSUER;
  if (!issuer) throw new Error('e2e: OIDC_ISSUER is not set; the harness must start e2e/helpers/oidc-server.mjs');
  const discovery = await fetch(`${issuer}/.well-known/openid-configuration`).catch(() => null);
  if (!discovery?.ok) throw new Error(`e2e: the OIDC test provider at ${issuer} is not answering`);
});

/** From the site's sign-in page through the provider's login form (and consent, if asked) back to the site. */
async function signInWithOidc(page: Page, siteOrigin: string, login: string): Promise<void> {
  await page.goto('/signin?callbackUrl=/blog');
  await page.getByRole('button', { name: `Sign in with ${PROVIDER_NAME}` }).click();

  const loginField = page.getByPlaceholder('Enter any login');
  await expect(loginField).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(process.env.OIDC_ISSUER ?? '').origin);
  await loginField.fill(login);
  await page.getByPlaceholder('and password').fill('any password at all');
  await page.getByRole('button', { name: 'Sign-in' }).click();

  // The test provider grants consent by itself; a provider that asks gets a "Continue".
  const consent = page.getByRole('button', { name: 'Continue' });
  await Promise.race([page.waitForURL((url) => url.origin === siteOrigin), consent.waitFor()]);
  if (new URL(page.url()).origin !== siteOrigin) {
    await consent.click();
    await page.waitForURL((url) => url.origin === siteOrigin);
  }
}

test('signing in with the OpenID provider lands on the callback page, signed in', async ({ page, baseURL }) => {
  const siteOrigin = new URL(baseURL ?? '').origin;
  await signInWithOidc(page, siteOrigin, 'verified');
  await expect(page).toHaveURL(`${siteOrigin}/blog`);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // The session is ours: the sign-in page now knows who this is.
  await page.goto('/signin');
  await expect(page.getByText('Olivia OIDC').first()).toBeVisible();
});

test('an unverified email that belongs to a password account is refused, not merged', async ({ page, baseURL }) => {
  const siteOrigin = new URL(baseURL ?? '').origin;

  // The password account the provider's unverified "member@example.test" must not take
  // over, its own address confirmed through the emailed link.
  await signUp(page, { name: 'Member With Password', email: 'member@example.test' });
  await expect(page).not.toHaveURL(/\/signup/);
  await page.context().clearCookies();

  await signInWithOidc(page, siteOrigin, 'unverified');
  await expect(page).toHaveURL(/\/signin\?(.*&)?error=OAuthAccountNotLinked/);
  await expect(page.getByText(/already/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
});
