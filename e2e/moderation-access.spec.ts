import { getComment, insertHeldComment } from './helpers/comment-rows';
import { expect, postIdOf, queueItem, test, uniqueText } from './helpers/comments';
import { createUser } from './helpers/users';

// Moderation is for editors and admins only: a member gets a 403 page at /admin/comments
// and sees nothing of the queue, and a queue form sent with a member's session is refused.
// On moderation.spec.ts's post; held comments only, which leave its counts alone.

const SLUG = 'six-reasons-to-join-a-pmo';

test('a member visiting /admin/comments gets a 403 page and sees no queue', async ({ page, signIn }) => {
  const heldBody = uniqueText('Held text only moderators may read');
  await insertHeldComment(await postIdOf(SLUG), (await createUser()).id, heldBody);
  const member = await createUser({ name: uniqueText('Curious') });
  await signIn(member);

  for (const filter of ['held', 'reported', 'all']) {
    const res = await page.goto(`/admin/comments?filter=${filter}`);
    expect(res?.status()).toBe(403);
    await expect(page.getByRole('heading', { name: 'You cannot open this page' })).toBeVisible();
    await expect(page.getByText(`You are signed in as ${member.name}.`)).toBeVisible();
    await expect(page.getByTestId('moderation-queue')).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Filter comments' })).toHaveCount(0);
    await expect(page.getByText(heldBody)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  }
});

test('a moderator’s queue form sent with a member’s session is refused', async ({ page, context, signIn }) => {
  const marker = uniqueText('Held, and staying held');
  const id = await insertHeldComment(await postIdOf(SLUG), (await createUser()).id, marker);
  await signIn(await createUser({ role: 'EDITOR' }), '/admin/comments?filter=held');
  const item = queueItem(page, id);
  await expect(item).toContainText(marker);

  // Same page, same form; the session is now a member's.
  await context.clearCookies();
  await signIn(await createUser());
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(item.getByRole('status').filter({ hasText: /./ })).toHaveText('Only editors and admins can moderate.');
  expect((await getComment(id))?.status).toBe('HELD');
});
