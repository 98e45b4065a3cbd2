import { getComment } from './helpers/comment-rows';
import { commentArticle, expect, postIdOf, SHARED_POST, test, threadOrder, uniqueText } from './helpers/comments';
import { createUser } from './helpers/users';

// Readers' comments with JavaScript on: likes (once per reader, counted across readers)
// and sorting the threads by newest, oldest and top.
// On the post the comment specs share (helpers/comments.ts SHARED_POST).

const { slug: SLUG, path: PATH } = SHARED_POST;

test('a like toggles once per reader, and another reader’s like adds to it', async ({ page, apiComment, visitor, signIn }) => {
  const { id } = await apiComment(await createUser(), { postId: await postIdOf(SLUG), body: uniqueText('Like me if risk workshops work') });
  const first = await createUser();
  await signIn(first, PATH);
  const like = commentArticle(page, id).locator('button[aria-pressed]');
  const count = commentArticle(page, id).getByTestId('like-count');
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await expect(count).toHaveText('0');

  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(like).toContainText('Unlike');
  await expect(count).toHaveText('1');
  await expect(like).toBeEnabled();
  await expect.poll(async () => (await getComment(id))?.likeCount).toBe(1);
  await page.reload();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('1');

  // The same reader again takes the like back rather than adding a second.
  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'false');
  await expect(count).toHaveText('0');
  await expect(like).toBeEnabled();
  await expect.poll(async () => (await getComment(id))?.likeCount).toBe(0);

  await like.click();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('1');
  await expect(like).toBeEnabled();
  await expect.poll(async () => (await getComment(id))?.likeCount).toBe(1);

  const second = await visitor(await createUser());
  await second.goto(PATH);
  const secondLike = commentArticle(second, id).locator('button[aria-pressed]');
  await expect(secondLike).toHaveAttribute('aria-pressed', 'false');
  await expect(commentArticle(second, id).getByTestId('like-count')).toHaveText('1');
  await secondLike.click();
  await expect(secondLike).toHaveAttribute('aria-pressed', 'true');
  await expect(commentArticle(second, id).getByTestId('like-count')).toHaveText('2');
  await expect.poll(async () => (await getComment(id))?.likeCount).toBe(2);

  await page.reload();
  await expect(like).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('2');
});

test('sorting by newest, oldest and top orders the threads', async ({ page, apiComment, visitor }) => {
  test.slow();
  const postId = await postIdOf(SLUG);
  // Written in this order, a few milliseconds apart at least.
  const a = await apiComment(await createUser(), { postId, body: uniqueText('Sort A: oldest, two likes') });
  const b = await apiComment(await createUser(), { postId, body: uniqueText('Sort B: middle, no likes') });
  const c = await apiComment(await createUser(), { postId, body: uniqueText('Sort C: newest, one like') });
  for (const ids of [[a.id, c.id], [a.id]]) {
    const liker = await visitor(await createUser());
    await liker.goto(PATH);
    for (const id of ids) {
      const like = commentArticle(liker, id).locator('button[aria-pressed]');
      await like.click();
      await expect(like).toHaveAttribute('aria-pressed', 'true');
      await expect(like).toBeEnabled();
    }
  }
  await expect.poll(async () => [(await getComment(a.id))?.likeCount, (await getComment(b.id))?.likeCount, (await getComment(c.id))?.likeCount]).toEqual([2, 0, 1]);

  const mine = async () => (await threadOrder(page)).filter((id) => [a.id, b.id, c.id].includes(id));
  await page.goto(PATH);
  const sorts = page.getByRole('navigation', { name: 'Sort comments' });
  await expect(sorts.getByRole('link', { name: 'Newest' })).toHaveAttribute('aria-current', 'true');
  await expect.poll(mine).toEqual([c.id, b.id, a.id]);

  await sorts.getByRole('link', { name: 'Oldest' }).click();
  await expect(page).toHaveURL(/\/comments\?sort=oldest/);
  await expect(sorts.getByRole('link', { name: 'Oldest' })).toHaveAttribute('aria-current', 'true');
  await expect.poll(mine).toEqual([a.id, b.id, c.id]);

  await sorts.getByRole('link', { name: 'Top' }).click();
  await expect(page).toHaveURL(/\/comments\?sort=top/);
  await expect(sorts.getByRole('link', { name: 'Top' })).toHaveAttribute('aria-current', 'true');
  await expect.poll(mine).toEqual([a.id, c.id, b.id]);

  await sorts.getByRole('link', { name: 'Newest' }).click();
  await expect(sorts.getByRole('link', { name: 'Newest' })).toHaveAttribute('aria-current', 'true');
  await expect.poll(mine).toEqual([c.id, b.id, a.id]);
});
