import { storedCommentId } from './helpers/comment-rows';
import { displayName, formMessage, tag } from './helpers/accounts';
import { expect, test } from './helpers/fixtures';
import { createUser, signInAs } from './helpers/users';

// The profile page: the reader's account, their comments with links back to them, and
// changing the display name (refusals keep what was typed; the new name shows in the
// header and on every comment). The rename runs again without JavaScript.

const PROFILE_SLUG = 'writing-titles-that-get-clicked';
const PROFILE_TITLE = 'Writing Titles That Get Clicked, Honestly';

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

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

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
