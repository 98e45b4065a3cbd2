import { countCommentsBy, countReports, getComment, insertHeldComment, isBanned } from './helpers/comment-rows';
import { commentArticle, disclosure, expect, queueItem, reloadUntil, test, uniqueText, writeComment } from './helpers/comments';
import { insertPost } from './helpers/posts';
import { createUser } from './helpers/users';

// Moderation of what readers report and of whom editors ban: a report queued once, hiding
// and unhiding; a ban that ends the member's sessions and takes their form, and unbanning.
// Held comments: moderation.spec.ts. Each test comments on a post of its own, so none of the
// counts the other comment specs read moves; publishing posts, it runs in the `publishing`
// project (playwright.config.ts), after the specs that count the seeded posts.

const BANNED = 'Your account can no longer write comments.';
const SIGN_IN = 'Sign in to comment.';

/** A published post for this test alone: its id and its page. */
async function ownPost(): Promise<{ id: string; path: string }> {
  const post = await insertPost({ authorId: (await createUser({ role: 'AUTHOR' })).id, status: 'PUBLISHED' });
  return { id: post.id, path: `/post/${post.slug}` };
}

test('a reader reports a comment once; it is queued as reported; hiding removes it for readers and unhiding brings it back', async ({
  page,
  context,
  apiComment,
  visitor,
  signIn,
}) => {
  test.slow();
  const { id: postId, path } = await ownPost();
  const { id } = await apiComment(await createUser(), { postId, body: uniqueText('PMOs are pointless paperwork') });
  const anonymous = await visitor();
  await anonymous.goto(path);
  await reloadUntil(anonymous, () => expect(commentArticle(anonymous, id)).toBeVisible({ timeout: 1000 }));

  await signIn(await createUser());
  // A second tab, its report form opened before the report, to send it again from.
  const stale = await context.newPage();
  await stale.goto(path);
  const staleArticle = commentArticle(stale, id);
  await disclosure(staleArticle, 'Report').click();
  await page.goto(path);
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
  const { id: postId, path } = await ownPost();
  const member = await createUser({ name: uniqueText('Spammer') });
  const heldId = await insertHeldComment(postId, member.id, uniqueText('Cheap followers, three links'));
  await signIn(member, path);
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
