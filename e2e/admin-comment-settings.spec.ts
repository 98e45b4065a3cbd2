import type { Browser } from '@playwright/test';
import { backdateComment, getComment, storedCommentCount } from './helpers/comment-rows';
import { commentArticle, disclosure, expect, openForm, postIdOf, test, uniqueText, writeComment } from './helpers/comments';
import { SEED_PATH, SEED_SLUG } from './helpers/site';
import { createUser, db, signInAs } from './helpers/users';

// The comment settings of /admin/settings, as readers meet them: comments off leaves the
// thread readable and takes nothing new (form and API alike); the edit window is the
// setting. Site-wide: this spec runs with the site-wide specs, alone, after every other
// one (the 'site-settings' Playwright project), and puts the defaults back at the end.

type CommentSettings = { enabled: boolean; editMinutes: number };

async function saveCommentSettings(browser: Browser, { enabled, editMinutes }: CommentSettings) {
  const baseURL = String(test.info().project.use.baseURL);
  const context = await browser.newContext({ baseURL });
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL);
  const page = await context.newPage();
  await page.goto('/admin/settings');
  await page.getByLabel('Readers may comment').setChecked(enabled);
  await page.getByLabel('Edit window (minutes)').fill(String(editMinutes));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Settings saved.')).toBeVisible();
  await context.close();
}

async function storedSetting(key: string): Promise<unknown> {
  const { rows } = await db().query<{ value: unknown }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

test.afterAll(async ({ browser }) => {
  await saveCommentSettings(browser, { enabled: true, editMinutes: 15 });
});

test('with comments off the thread stays readable and takes nothing new; on again, the form is back', async ({ browser, visitor, apiComment }) => {
  const member = await createUser();
  const postId = await postIdOf(SEED_SLUG);
  const before = await apiComment(member, { postId, body: uniqueText('Said before closing') });
  await saveCommentSettings(browser, { enabled: false, editMinutes: 15 });

  const page = await visitor(member);
  await page.goto(SEED_PATH);
  const section = page.locator('#comments');
  await expect(section.getByText('Comments are closed.')).toBeVisible();
  await expect(page.getByTestId('comment-form')).toHaveCount(0);
  const own = commentArticle(page, before.id);
  await expect(own).toContainText('Said before closing');
  await expect(disclosure(own, 'Reply')).toHaveCount(0);
  await expect(disclosure(own, 'Edit')).toHaveCount(0);
  await expect(own.getByRole('button', { name: /like/i })).toHaveCount(0);
  // Readers may still take their own words back.
  await expect(own.getByRole('button', { name: 'Delete' })).toBeVisible();

  const anonymous = await visitor();
  await anonymous.goto(SEED_PATH);
  await expect(anonymous.locator('#comments').getByText('Comments are closed.')).toBeVisible();
  await expect(anonymous.getByRole('link', { name: 'Log in to comment' })).toHaveCount(0);

  const stored = await storedCommentCount(SEED_SLUG);
  const refused = await page.request.post('/api/comments', { data: { postId, body: uniqueText('Slipped in') }, failOnStatusCode: false });
  expect(refused.status()).toBe(403);
  expect(await refused.json()).toMatchObject({ error: 'Comments are closed.' });
  expect(await storedCommentCount(SEED_SLUG)).toBe(stored);

  await saveCommentSettings(browser, { enabled: true, editMinutes: 15 });
  await page.reload();
  await expect(page.getByTestId('comment-form')).toBeVisible();
  await expect(section.getByText('Comments are closed.')).toHaveCount(0);
});

test('the edit window is the setting: 0 turns editing off, a wider one lets an older comment be edited', async ({ browser, visitor }) => {
  await saveCommentSettings(browser, { enabled: true, editMinutes: 0 });
  const page = await visitor(await createUser());
  await page.goto(SEED_PATH);
  const id = await writeComment(page, uniqueText('Not editable'));
  await expect(disclosure(commentArticle(page, id), 'Edit')).toHaveCount(0);
  await expect(commentArticle(page, id).getByRole('button', { name: 'Delete' })).toBeVisible();

  await saveCommentSettings(browser, { enabled: true, editMinutes: 60 });
  await backdateComment(id, 30);
  await page.reload();
  const article = commentArticle(page, id);
  await openForm(article, 'Edit');
  const edited = uniqueText('Edited at 30 minutes');
  await article.getByRole('textbox').fill(edited);
  await article.getByRole('button', { name: 'Save' }).click();
  await expect.poll(async () => (await getComment(id))?.body).toBe(edited);
});

test('a refused settings form keeps what was typed, the unticked box included, and saves nothing', async ({ page, context, baseURL }) => {
  const saved = [await storedSetting('commentsEnabled'), await storedSetting('commentEditMinutes')];
  expect(saved[0]).toBe(true);
  await signInAs(context, await createUser({ role: 'ADMIN' }), baseURL ?? '');
  await page.goto('/admin/settings');
  await page.getByLabel('Readers may comment').uncheck();
  await page.getByLabel('Edit window (minutes)').fill('-5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('At least 0 (no editing).')).toBeVisible();
  await expect(page.getByLabel('Readers may comment')).not.toBeChecked();
  await expect(page.getByLabel('Edit window (minutes)')).toHaveValue('-5');

  await page.getByLabel('Edit window (minutes)').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('A number, please.')).toBeVisible();
  expect([await storedSetting('commentsEnabled'), await storedSetting('commentEditMinutes')]).toEqual(saved);
});
