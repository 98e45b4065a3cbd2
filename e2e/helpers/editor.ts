import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { createUser, signInAs, type Role } from './users';

// The post editor from a test's side (admin-posts specs): a title no other test uses, a new
// post opened in the editor, and a page signed in as a fresh user of a role.

export function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Opens a new post in the editor; returns its id. */
export async function newPost(page: Page): Promise<string> {
  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  return page.url().split('/').pop() ?? '';
}

/** Signs the page's context in as a new user with `role`; returns the user. */
export async function as(page: Page, role: Role, baseURL: string | undefined) {
  const user = await createUser({ role });
  await signInAs(page.context(), user, baseURL ?? '');
  return user;
}
