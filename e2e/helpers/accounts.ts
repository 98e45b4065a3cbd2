import type { BrowserContext, Page } from '@playwright/test';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';
import { db } from './users';

// What the account specs (accounts, sign-in-return, profile) share: reading the session
// cookie and users' rows, filling the sign-up form, the form's announced message.

export const tag = () => Math.random().toString(36).slice(2, 10);

/** The form's announced message: the one live region with text in it. */
export const formMessage = (page: Page) => page.getByRole('status').filter({ hasText: /\S/ });

export async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((c) => c.name === SESSION_COOKIE);
}

export async function usersWithEmail(email: string) {
  const { rows } = await db().query<{ id: string; name: string; password_hash: string | null }>(
    'SELECT id, name, password_hash FROM users WHERE lower(email) = lower($1)',
    [email],
  );
  return rows;
}

export async function displayName(userId: string): Promise<string | null> {
  const { rows } = await db().query<{ name: string | null }>('SELECT name FROM users WHERE id = $1', [userId]);
  return rows[0]?.name ?? null;
}

export async function fillSignUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
}
