import type { Page } from '@playwright/test';
import { failPostUpdates, failStateChanges } from './helpers/db';
import { expect, test } from './helpers/fixtures';
import { insertPost, insertRevision, postRow } from './helpers/posts';
import { createUser, db, signInAs } from './helpers/users';

// A publish the database fails halfway: the editor says so, keeps what was typed, and
// nothing of it reached the database; once the database is well again, the same click
// publishes (the editor's version is still the current one). The failure is real: a
// trigger refuses the post's state change, the publish transaction's last write.

const FAILED = 'Could not publish: the database failed. Nothing was changed; try again.';

async function revisionCount(postId: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM post_revisions WHERE post_id = $1', [postId]);
  return rows[0]?.n ?? -1;
}

async function publishFailsThenWorks(page: Page, baseURL: string | undefined) {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(page.context(), author, baseURL ?? '');
  const post = await insertPost({ authorId: author.id, title: 'Before the failure', body: 'The body before.' });
  await page.goto(`/admin/posts/${post.id}`);
  const title = `Typed before the failure ${Date.now().toString(36)}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body (markdown)').fill('Typed body, not lost.');

  const heal = await failStateChanges(post.id);
  try {
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByTestId('save-state')).toHaveText(FAILED);
  } finally {
    await heal();
  }
  await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
  await expect(page.getByLabel('Body (markdown)')).toHaveValue('Typed body, not lost.');
  expect(await postRow(post.id)).toMatchObject({ title: 'Before the failure', body: 'The body before.', status: 'DRAFT', publishedAt: null, version: 1 });
  expect(await revisionCount(post.id)).toBe(0);

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  expect(await postRow(post.id)).toMatchObject({ title, body: 'Typed body, not lost.', status: 'PUBLISHED' });
  expect(await revisionCount(post.id)).toBe(1);
}

test('with JavaScript: a failed publish is reported, changes nothing, and the retry publishes', async ({ page, baseURL }) => {
  await publishFailsThenWorks(page, baseURL);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a failed publish comes back with its message and the typed text; the retry publishes', async ({ page, baseURL }) => {
    await publishFailsThenWorks(page, baseURL);
  });
});

test('restoring a revision the database fails says so on the history page and changes nothing; the retry restores', async ({ page, baseURL }) => {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(page.context(), author, baseURL ?? '');
  const post = await insertPost({ authorId: author.id, title: 'Current title', body: 'Current body.' });
  const revision = await insertRevision(post, { title: 'Older title', body: 'Older body.' });
  await page.goto(`/admin/posts/${post.id}/history?rev=${revision}`);
  const heal = await failPostUpdates(post.id);
  try {
    await page.getByRole('button', { name: 'Restore this revision' }).click();
    await expect(page.getByText('Could not restore: the database failed. Nothing was changed; try again.')).toBeVisible();
  } finally {
    await heal();
  }
  expect(await postRow(post.id)).toMatchObject({ title: 'Current title', body: 'Current body.', version: 1 });
  await page.getByRole('button', { name: 'Restore this revision' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/posts/${post.id}$`));
  await expect.poll(async () => (await postRow(post.id))?.title).toBe('Older title');
});
