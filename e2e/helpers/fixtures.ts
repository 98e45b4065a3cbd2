import { randomInt } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { confirmationPath, mailTo, nthMail } from './mail';

// The e2e `test`: every test is its own visitor. The server trusts X-Forwarded-For in the
// e2e run (TRUST_PROXY=1, as behind a proxy), so each test gets its own address and the
// per-address limits (sign-ups, comments) and view dedupe never leak between tests.
// And every test's `page` is watched for Content-Security-Policy violations: the browser
// fires `securitypolicyviolation` for each script it blocks (and in report-only mode too), so the whole suite checks the
// policy (lib/csp.mjs) on every page it opens. A test that provokes one on purpose reads
// and empties `cspViolations`.

export type CspViolation = { directive: string; blocked: string; sample: string; document: string; disposition: string };

declare global {
  interface Window {
    __quireCspViolation?: (violation: CspViolation) => void;
  }
}

export function randomAddress(): string {
  return `198.18.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

export const test = base.extend<{ cspViolations: CspViolation[] }>({
  extraHTTPHeaders: async ({ extraHTTPHeaders }, provide) => {
    await provide({ ...extraHTTPHeaders, 'x-forwarded-for': randomAddress() });
  },
  cspViolations: async ({}, provide) => {
    await provide([]);
  },
  page: async ({ page, cspViolations }, provide) => {
    // On the context: pages the test opens in it later are watched too.
    // The test OpenID provider's pages (e2e/helpers/oidc-server.mjs) have their own policy: not the site's to answer for.
    const foreign = process.env.OIDC_ISSUER;
    await page.context().exposeBinding('__quireCspViolation', (_source, violation: CspViolation) => {
      if (foreign && violation.document.startsWith(foreign)) return;
      cspViolations.push(violation);
    });
    await page.context().addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (e) => window.__quireCspViolation?.({ directive: e.effectiveDirective, blocked: e.blockedURI, sample: e.sample, document: e.documentURI, disposition: e.disposition }),
        true,
      );
    });
    await provide(page);
    expect(cspViolations, 'Content-Security-Policy violations seen by the browser').toEqual([]);
  },
});

export { expect };

export const PASSWORD = 'correct horse battery staple 7';

let counter = 0;

/** A fresh, unique email address for this test run. */
export function uniqueEmail(prefix = 'reader'): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}.${process.pid}.${counter}@example.test`;
}

/**
 * Creates an account through the sign-up page and ends signed in on `returnTo`. With mail
 * configured (as in the e2e run) that includes the email: the confirmation link from the
 * mail sink, opened, and its "Confirm and sign in" clicked.
 */
export async function signUp(page: Page, { name, email = uniqueEmail(), returnTo = '/' }: { name: string; email?: string; returnTo?: string }) {
  const before = process.env.MAIL_SINK_URL ? (await mailTo(email)).length : 0;
  await page.goto(`/signup?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL((url) => url.pathname === '/signup/check-email' || !url.pathname.startsWith('/signup'));
  if (new URL(page.url()).pathname === '/signup/check-email') {
    await page.goto(confirmationPath(await nthMail(email, before + 1)));
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/signup'));
  }
  return { email };
}

/** Signs in through the sign-in page. */
export async function signIn(page: Page, email: string, { password = PASSWORD, returnTo = '/' } = {}) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
