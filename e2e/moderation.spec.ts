import { getComment, storedCommentCount } from './helpers/comment-rows';
import {
  commentArticle,
  commentsLabel,
  disclosure,
  expect,
  postIdOf,
  queueItem,
  reloadUntil,
  test,
  uniqueText,
  writeComment,
} from './helpers/comments';
import { createUser } from './helpers/users';

// Moderation of held comments: comments with too many links wait for an editor; editors and
// admins approve and hide them at /admin/comments. Reports and bans:
// moderation-reports-bans.spec.ts; that no one else can moderate: moderation-access.spec.ts.
// Every comment this file writes is on this one post (comments.spec.ts uses another); only
// this file writes visible ones there, so its counts hold.

const SLUG = 'six-reasons-to-join-a-pmo';
const PATH = `/post/${SLUG}`;
const HELD_BADGE = 'Awaiting moderation: only you can see this comment.';

/** A body with three links: one more than a comment may carry without a moderator. */
function threeLinks(marker: string): string {
  return `${marker}: [one](https://one.example/a), [two](https://two.example/b) and https://three.example/c`;
}

test('a comment with three links is held: its author sees it with a badge, an anonymous reader and another member do not', async ({ page, visitor, signIn }) => {
  const author = await createUser({ name: uniqueText('Linker') });
  const countBefore = await storedCommentCount(SLUG);
  await signIn(author, PATH);
  const marker = uniqueText('Three useful PMO links');
  const id = await writeComment(page, threeLinks(marker), marker);

  const article = commentArticle(page, id);
  await expect(article).toContainText(HELD_BADGE);
  await expect(article).toHaveAccessibleName(author.name);
  // Nothing to like or answer until a moderator lets it through.
  await expect(article.locator('button[aria-pressed]')).toHaveCount(0);
  await expect(disclosure(article, 'Reply')).toHaveCount(0);
  expect((await getComment(id))?.status).toBe('HELD');
  expect(await storedCommentCount(SLUG)).toBe(countBefore);
  await page.reload();
  await expect(article).toContainText(HELD_BADGE);

  const anonymous = await visitor();
  await anonymous.goto(PATH);
  await expect(anonymous.getByRole('link', { name: 'Log in to comment' })).toBeVisible();
  await expect(anonymous.locator(`#comment-${id}`)).toHaveCount(0);
  await expect(anonymous.getByText(marker)).toHaveCount(0);

  const member = await visitor(await createUser());
  await member.goto(PATH);
  await expect(member.getByTestId('comment-form')).toBeVisible();
  await expect(member.locator(`#comment-${id}`)).toHaveCount(0);
  await expect(member.getByText(marker)).toHaveCount(0);
});

test('an editor approves a held comment in the queue, and then every reader sees it', async ({ page, apiComment, visitor, signIn }) => {
  const author = await createUser({ name: uniqueText('Patient') });
  const marker = uniqueText('Links worth approving');
  const { id, held } = await apiComment(author, { postId: await postIdOf(SLUG), body: threeLinks(marker) });
  expect(held).toBe(true);
  const anonymous = await visitor();
  await anonymous.goto(PATH);
  await expect(anonymous.getByRole('heading', { name: 'Comments' })).toBeVisible();
  await expect(anonymous.locator(`#comment-${id}`)).toHaveCount(0);

  await signIn(await createUser({ role: 'EDITOR' }), '/admin/comments?filter=held');
  await expect(page.getByRole('navigation', { name: 'Filter comments' }).getByRole('link', { name: 'Held' })).toHaveAttribute('aria-current', 'page');
  const item = queueItem(page, id);
  await expect(item).toContainText(marker);
  await expect(item).toContainText(author.name);
  await expect(item).toContainText('held');
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(item).toHaveCount(0);
  expect((await getComment(id))?.status).toBe('VISIBLE');

  await reloadUntil(anonymous, () => expect(commentArticle(anonymous, id)).toContainText(marker, { timeout: 1000 }));
  await expect(commentArticle(anonymous, id)).not.toContainText(HELD_BADGE);
  const links = commentArticle(anonymous, id).locator('.c-body a');
  await expect(links).toHaveCount(3);
  for (const link of await links.all()) await expect(link).toHaveAttribute('rel', 'nofollow ugc noopener');

  const own = await visitor(author);
  await own.goto(PATH);
  await expect(commentArticle(own, id)).toContainText(marker);
  await expect(commentArticle(own, id)).not.toContainText(HELD_BADGE);
});

test('an admin can moderate too: approve a held comment, then hide it', async ({ page, apiComment, visitor, signIn }) => {
  const author = await createUser();
  const marker = uniqueText('Held for the admin');
  const { id, held } = await apiComment(author, { postId: await postIdOf(SLUG), body: threeLinks(marker) });
  expect(held).toBe(true);
  const countBefore = await storedCommentCount(SLUG);

  await signIn(await createUser({ role: 'ADMIN' }), '/admin/comments?filter=held');
  const item = queueItem(page, id);
  await expect(item.getByRole('button', { name: `Ban ${author.name}`, exact: true })).toBeVisible();
  await item.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(item).toHaveCount(0);
  expect((await getComment(id))?.status).toBe('VISIBLE');
  expect(await storedCommentCount(SLUG)).toBe(countBefore + 1);

  const anonymous = await visitor();
  await anonymous.goto(PATH);
  await reloadUntil(anonymous, () => expect(commentArticle(anonymous, id)).toContainText(marker, { timeout: 1000 }));
  await reloadUntil(anonymous, () => expect(anonymous.getByTestId('comment-count')).toHaveText(commentsLabel(countBefore + 1), { timeout: 1000 }));

  await page.goto('/admin/comments?filter=all');
  await item.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(item.getByRole('button', { name: 'Unhide', exact: true })).toBeVisible();
  expect((await getComment(id))?.status).toBe('HIDDEN');
  expect(await storedCommentCount(SLUG)).toBe(countBefore);
  await reloadUntil(anonymous, async () => {
    await expect(anonymous.getByRole('heading', { name: 'Comments' })).toBeVisible({ timeout: 1000 });
    await expect(anonymous.getByText(marker)).toHaveCount(0, { timeout: 1000 });
  });
});
