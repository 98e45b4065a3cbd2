import { backdateComment, getComment } from './helpers/comment-rows';
import { commentArticle, disclosure, expect, openForm, postIdOf, reloadUntil, SHARED_POST, test, uniqueText, writeComment } from './helpers/comments';
import { createUser } from './helpers/users';

// Readers' comments with JavaScript on, once written: editing within the window (and not
// after it), deleting with and without replies.
// On the post the comment specs share (helpers/comments.ts SHARED_POST).

const { slug: SLUG, path: PATH } = SHARED_POST;

test('editing within 15 minutes saves the new text and marks the comment "edited"', async ({ page, signIn }) => {
  const user = await createUser();
  await signIn(user, PATH);
  const original = uniqueText('Five risks is enogh');
  const id = await writeComment(page, original);
  const article = commentArticle(page, id);
  await expect(article.locator('.c-meta')).not.toContainText('edited');

  await openForm(article, 'Edit');
  const edited = uniqueText('Five risks is enough');
  await article.getByLabel('Edit').fill(edited);
  await article.getByRole('button', { name: 'Save' }).click();

  await expect(article.locator('.c-body')).toHaveText(edited);
  await expect(article.locator('.c-meta')).toContainText('· edited');
  const row = await getComment(id);
  expect(row?.body).toBe(edited);
  expect(row?.editedAt).not.toBeNull();
});

test('after 15 minutes the Edit control is gone, and an edit form loaded before is refused', async ({ page, apiComment, signIn }) => {
  const user = await createUser();
  const body = uniqueText('Timebox the workshop to an hour');
  const { id } = await apiComment(user, { postId: await postIdOf(SLUG), body });
  await signIn(user, PATH);
  const article = commentArticle(page, id);
  await openForm(article, 'Edit');
  await article.getByLabel('Edit').fill(uniqueText('Too late to change this'));

  await backdateComment(id, 16);
  await article.getByRole('button', { name: 'Save' }).click();
  await expect(article.getByRole('status').filter({ hasText: /time for editing/ })).toHaveText(
    'The time for editing this comment has passed, so it can no longer be changed.',
  );
  const row = await getComment(id);
  expect(row?.body).toBe(body);
  expect(row?.editedAt).toBeNull();

  await page.reload();
  await expect(article.locator('.c-body')).toHaveText(body);
  await expect(article.getByRole('button', { name: 'Delete' })).toBeVisible();
  await expect(disclosure(article, 'Edit')).toHaveCount(0);
});

test('deleting a comment that has replies leaves a placeholder that keeps the thread', async ({ page, apiComment, visitor, signIn }) => {
  const author = await createUser({ name: uniqueText('Deleter') });
  const postId = await postIdOf(SLUG);
  const parentBody = uniqueText('I will regret writing this');
  const parent = await apiComment(author, { postId, body: parentBody });
  const replyBody = uniqueText('A reply worth keeping');
  const reply = await apiComment(await createUser(), { postId, body: replyBody, parentId: parent.id });
  await signIn(author, PATH);

  page.once('dialog', (dialog) => {
    expect(dialog.type()).toBe('confirm');
    expect(dialog.message()).toBe('Delete this comment?');
    void dialog.accept();
  });
  await commentArticle(page, parent.id).getByRole('button', { name: 'Delete' }).click();

  const placeholder = commentArticle(page, parent.id);
  await expect(placeholder).toHaveText('This comment was deleted.');
  await expect(placeholder).not.toContainText(author.name);
  await expect(page.locator(`#comment-${parent.id} > ol > li#comment-${reply.id}`)).toContainText(replyBody);
  expect((await getComment(parent.id))?.status).toBe('DELETED');

  const reader = await visitor();
  await reader.goto(PATH);
  await reloadUntil(reader, () => expect(commentArticle(reader, parent.id)).toHaveText('This comment was deleted.', { timeout: 1000 }));
  await expect(reader.getByText(parentBody)).toHaveCount(0);
  await expect(reader.locator(`#comment-${parent.id} #comment-${reply.id}`)).toContainText(replyBody);
});

test('deleting a comment without replies removes it', async ({ page, signIn }) => {
  const user = await createUser();
  await signIn(user, PATH);
  const body = uniqueText('Posted in the wrong thread');
  const id = await writeComment(page, body);

  // Dismissing the confirmation keeps the comment.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await commentArticle(page, id).getByRole('button', { name: 'Delete' }).click();
  await expect(commentArticle(page, id)).toContainText(body);
  expect((await getComment(id))?.status).toBe('VISIBLE');

  page.once('dialog', (dialog) => void dialog.accept());
  await commentArticle(page, id).getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator(`#comment-${id}`)).toHaveCount(0);
  await expect(page.getByText(body)).toHaveCount(0);
  expect((await getComment(id))?.status).toBe('DELETED');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Comments' })).toBeVisible();
  await expect(page.locator(`#comment-${id}`)).toHaveCount(0);
});
