import {
  countCommentsBy,
  countReports,
  getComment,
  insertHeldComment,
  isBanned,
  storedCommentCount,
} from './helpers/comment-rows';
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

// Moderation: comments with too many links wait for an editor, readers report, editors
// and admins approve, hide, unhide and ban at /admin/comments. That no one else can:
// moderation-access.spec.ts. Every comment the moderation specs write is on this one post
// (comments.spec.ts uses another); only this file writes visible ones, so its counts hold.

const SLUG = 'six-reasons-to-join-a-pmo';
const PATH = `/post/${SLUG}`;
const HELD_BADGE = 'Awaiting moderation: only you can see this comment.';
const BANNED = 'Your account can no longer write comments.';
const SIGN_IN = 'Sign in to comment.';

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

test('a reader reports a comment once; it is queued as reported; hiding removes it for readers and unhiding brings it back', async ({
  page,
  context,
  apiComment,
  visitor,
  signIn,
}) => {
  test.slow();
  const { id } = await apiComment(await createUser(), { postId: await postIdOf(SLUG), body: uniqueText('PMOs are pointless paperwork') });
  const anonymous = await visitor();
  await anonymous.goto(PATH);
  await reloadUntil(anonymous, () => expect(commentArticle(anonymous, id)).toBeVisible({ timeout: 1000 }));

  await signIn(await createUser());
  // A second tab, its report form opened before the report, to send it again from.
  const stale = await context.newPage();
  await stale.goto(PATH);
  const staleArticle = commentArticle(stale, id);
  await disclosure(staleArticle, 'Report').click();
  await page.goto(PATH);
  const article = commentArticle(page, id);
  await disclosure(article, 'Report').click();
  const reason = uniqueText('Insulting, off-topic');
  await article.getByLabel('What is wrong with this comment? (optional)').fill(reason);
  await article.getByRole('button', { name: 'Send report' }).click();
  await expect(article.getByText('Reported', { exact: true })).toBeVisible();
  await expect(disclosure(article, 'Report')).toHaveCount(0);
  expect(await countReports(id)).toBe(1);
  await page.reload();
  await expect(article.getByText('Reported', { exact: true })).toBeVisible();
  await expect(disclosure(article, 'Report')).toHaveCount(0);

  await staleArticle.getByLabel('What is wrong with this comment? (optional)').fill(uniqueText('Reported twice'));
  await staleArticle.getByRole('button', { name: 'Send report' }).click();
  await expect(staleArticle.getByText('Reported', { exact: true })).toBeVisible();
  expect(await countReports(id)).toBe(1);

  const editor = await visitor(await createUser({ role: 'EDITOR' }));
  await editor.goto('/admin/comments?filter=reported');
  const item = queueItem(editor, id);
  await expect(item).toContainText('1 report');
  await expect(item).toContainText(`Reasons: ${reason}`);
  await expect(item.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await item.getByRole('button', { name: 'Hide', exact: true }).click();
  await expect(item).toHaveCount(0);
  expect((await getComment(id))?.status).toBe('HIDDEN');

  await reloadUntil(anonymous, async () => {
    await expect(anonymous.getByRole('heading', { name: 'Comments' })).toBeVisible({ timeout: 1000 });
    await expect(anonymous.locator(`#comment-${id}`)).toHaveCount(0, { timeout: 1000 });
  });
  await page.reload();
  await expect(page.getByTestId('comment-form')).toBeVisible();
  await expect(page.locator(`#comment-${id}`)).toHaveCount(0);

  await editor.goto('/admin/comments?filter=all');
  await expect(item).toContainText('hidden');
  await item.getByRole('button', { name: 'Unhide', exact: true }).click();
  await expect(item.getByRole('button', { name: 'Hide', exact: true })).toBeVisible();
  await expect(item).toContainText('visible');
  expect((await getComment(id))?.status).toBe('VISIBLE');
  await reloadUntil(anonymous, () => expect(commentArticle(anonymous, id)).toContainText('PMOs are pointless paperwork', { timeout: 1000 }));
});

test('an editor bans a member: they can still read but lose the form, a form loaded before is refused, and unbanning restores it', async ({
  page,
  visitor,
  signIn,
}) => {
  test.slow();
  const postId = await postIdOf(SLUG);
  const member = await createUser({ name: uniqueText('Spammer') });
  const heldId = await insertHeldComment(postId, member.id, uniqueText('Cheap followers, three links'));
  await signIn(member, PATH);
  const form = page.getByTestId('comment-form');
  const replayed = uniqueText('Typed before the ban');
  await form.getByLabel('Write a comment').fill(replayed);

  const editor = await visitor(await createUser({ role: 'EDITOR' }));
  await editor.goto('/admin/comments?filter=held');
  const item = queueItem(editor, heldId);
  await item.getByRole('button', { name: `Ban ${member.name}`, exact: true }).click();
  await expect(item.getByRole('button', { name: `Unban ${member.name}`, exact: true })).toBeVisible();
  await expect(item).toContainText('banned');
  expect(await isBanned(member.id)).toBe(true);

  // A ban ends the member's sessions (issue 15): the form on the page loaded before it is refused as signed out,
  // the text kept; so is the same post through the API.
  await form.getByRole('button', { name: 'Publish' }).click();
  await expect(form.getByRole('status')).toHaveText(SIGN_IN);
  await expect(form.getByLabel('Write a comment')).toHaveValue(replayed);
  const res = await page.request.post('/api/comments', { data: { postId, body: uniqueText('Straight to the API') } });
  expect(res.status()).toBe(401);
  expect(await countCommentsBy(member.id)).toBe(1);

  // Signed in again, as a banned member: they read, but the form is gone and the API refuses.
  await signIn(member);
  const again = await page.request.post('/api/comments', { data: { postId, body: uniqueText('Straight to the API') } });
  expect(again.status()).toBe(403);
  expect(((await again.json()) as { error?: string }).error).toBe(BANNED);
  expect(await countCommentsBy(member.id)).toBe(1);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const section = page.getByRole('region', { name: 'Comments' });
  await expect(section).toContainText(BANNED);
  await expect(page.getByTestId('comment-form')).toHaveCount(0);
  await expect(page.getByTestId('reply-form')).toHaveCount(0);

  await item.getByRole('button', { name: `Unban ${member.name}`, exact: true }).click();
  await expect(item.getByRole('button', { name: `Ban ${member.name}`, exact: true })).toBeVisible();
  expect(await isBanned(member.id)).toBe(false);

  await page.reload();
  await expect(section).not.toContainText(BANNED);
  const body = uniqueText('Back, and on topic this time');
  const id = await writeComment(page, body);
  expect((await getComment(id))?.status).toBe('VISIBLE');
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
