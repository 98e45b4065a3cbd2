import {
  backdateComment,
  commentArticle,
  commentIdByBody,
  commentsLabel,
  countCommentsBy,
  disclosure,
  openForm,
  expect,
  getComment,
  postIdOf,
  postTitleOf,
  reloadUntil,
  storedCommentCount,
  submitComment,
  test,
  threadOrder,
  uniqueText,
  writeComment,
} from './helpers/comments';
import { createUser, signInAs } from './helpers/users';

// Readers' comments with JavaScript on: writing, markdown, replies, editing within the
// window, deleting, likes, sorting, the per-reader rate limit and the counters. Every
// test here uses this one post (moderation.spec.ts uses another), and the tests of a file
// run one after another, so the counts below cannot be moved by another test.

const SLUG = 'running-a-risk-workshop-in-one-hour';
const PATH = `/post/${SLUG}`;

test('a signed-in reader writes a comment: a preview shows while it is sent, then the comment with their name', async ({ page, context, baseURL, visitor }) => {
  const user = await createUser({ name: uniqueText('Writer') });
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
  await expect(page.getByRole('region', { name: 'Comments' })).toContainText(`Commenting as ${user.name}`);

  // Hold the server action's request so that the pending state is there for certain.
  let release = () => {};
  const sent = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (url) => url.pathname === PATH,
    async (route) => {
      if (route.request().method() === 'POST') await sent;
      await route.continue();
    },
  );
  const body = uniqueText('First thoughts on the workshop');
  await submitComment(page, body);
  const preview = page.getByTestId('comment-optimistic');
  await expect(preview).toContainText('Posting your comment…');
  await expect(preview).toContainText(body);
  await expect(page.getByTestId('comment-form').getByRole('button', { name: 'Publishing…' })).toBeDisabled();
  expect(await commentIdByBody(body), 'nothing is stored while the request is held').toBeUndefined();
  release();

  const article = page.getByRole('article', { name: user.name });
  await expect(article).toContainText(body);
  await expect(article.locator('.c-author')).toHaveText(user.name);
  await expect(preview).toHaveCount(0);
  const id = await commentIdByBody(body);
  expect(id).toBeDefined();
  await expect(page.locator(`#comment-${id}`)).toBeVisible();

  // Readers without a session get the cached page: the new comment is on it too.
  const reader = await visitor();
  await reader.goto(PATH);
  await reloadUntil(reader, () => expect(reader.getByRole('article', { name: user.name })).toContainText(body, { timeout: 1000 }));
});

test('markdown is rendered, raw HTML is shown as text, and links get rel="nofollow ugc noopener"', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
  const marker = uniqueText('Markdown check');
  // Two links: the most a comment may carry without being held for moderation.
  const body = [
    `${marker}: *emphasis*, **strong** and \`inline code\`, with [a risk guide](https://example.com/risks) <b>not bold</b>.`,
    '',
    '> A quoted line',
    '',
    '- first item',
    '- second item',
    '',
    'Also https://example.org/register',
  ].join('\n');
  const id = await writeComment(page, body, marker);

  const text = commentArticle(page, id).locator('.c-body');
  await expect(text.locator('em')).toHaveText('emphasis');
  await expect(text.locator('strong')).toHaveText('strong');
  await expect(text.locator('code')).toHaveText('inline code');
  await expect(text.locator('blockquote')).toHaveText('A quoted line');
  await expect(text.locator('ul > li')).toHaveText(['first item', 'second item']);
  await expect(text.locator('b')).toHaveCount(0);
  await expect(text).toContainText('<b>not bold</b>');

  const links = text.locator('a');
  await expect(links).toHaveCount(2);
  await expect(links.nth(0)).toHaveText('a risk guide');
  await expect(links.nth(0)).toHaveAttribute('href', 'https://example.com/risks');
  await expect(links.nth(1)).toHaveAttribute('href', 'https://example.org/register');
  for (const link of await links.all()) await expect(link).toHaveAttribute('rel', 'nofollow ugc noopener');
  expect((await getComment(id))?.status).toBe('VISIBLE');
});

test('a reply is threaded under the comment it answers', async ({ page, context, baseURL, apiComment }) => {
  const author = await createUser();
  const parent = await apiComment(author, { postId: await postIdOf(SLUG), body: uniqueText('Who owns the risk register?') });
  const replier = await createUser({ name: uniqueText('Replier') });
  await signInAs(context, replier, baseURL ?? '');
  await page.goto(PATH);

  const parentArticle = commentArticle(page, parent.id);
  await disclosure(parentArticle, 'Reply').click();
  const form = parentArticle.getByTestId('reply-form');
  const reply = uniqueText('The project manager, reviewed weekly');
  await form.getByLabel('Write a reply').fill(reply);
  await form.getByRole('button', { name: 'Reply' }).click();

  const nested = page.locator(`#comment-${parent.id} > ol > li > article`, { hasText: reply });
  await expect(nested).toBeVisible();
  await expect(nested).toHaveAccessibleName(replier.name);
  const replyId = await commentIdByBody(reply);
  expect((await getComment(replyId ?? ''))?.parentId).toBe(parent.id);
  // Not a thread of its own.
  expect(await threadOrder(page)).not.toContain(replyId);
});

test('editing within 15 minutes saves the new text and marks the comment "edited"', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
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

test('after 15 minutes the Edit control is gone, and an edit form loaded before is refused', async ({ page, context, baseURL, apiComment }) => {
  const user = await createUser();
  const body = uniqueText('Timebox the workshop to an hour');
  const { id } = await apiComment(user, { postId: await postIdOf(SLUG), body });
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
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

test('deleting a comment that has replies leaves a placeholder that keeps the thread', async ({ page, context, baseURL, apiComment, visitor }) => {
  const author = await createUser({ name: uniqueText('Deleter') });
  const postId = await postIdOf(SLUG);
  const parentBody = uniqueText('I will regret writing this');
  const parent = await apiComment(author, { postId, body: parentBody });
  const replyBody = uniqueText('A reply worth keeping');
  const reply = await apiComment(await createUser(), { postId, body: replyBody, parentId: parent.id });
  await signInAs(context, author, baseURL ?? '');
  await page.goto(PATH);

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

test('deleting a comment without replies removes it', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
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

test('a like toggles once per reader, and another reader’s like adds to it', async ({ page, context, baseURL, apiComment, visitor }) => {
  const { id } = await apiComment(await createUser(), { postId: await postIdOf(SLUG), body: uniqueText('Like me if risk workshops work') });
  const first = await createUser();
  await signInAs(context, first, baseURL ?? '');
  await page.goto(PATH);
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

test('a second comment within 10 seconds is refused inline and the text is kept', async ({ page, context, baseURL }) => {
  const user = await createUser();
  await signInAs(context, user, baseURL ?? '');
  await page.goto(PATH);
  await writeComment(page, uniqueText('One thought'));

  const second = uniqueText('And another thought straight away');
  await submitComment(page, second);
  const form = page.getByTestId('comment-form');
  await expect(form.getByRole('status')).toHaveText(/^You are commenting too fast\. Try again in \d+ seconds\.$/);
  const textarea = form.getByLabel('Write a comment');
  await expect(textarea).toHaveValue(second);
  await expect(textarea).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('button', { name: 'Publish' })).toBeEnabled();
  expect(await commentIdByBody(second)).toBeUndefined();
  expect(await countCommentsBy(user.id)).toBe(1);
  await expect(page.getByTestId('comment-list').getByText(second)).toHaveCount(0);
});

test('the comment count on the post page and on the home page card goes up with a new comment', async ({ page, apiComment }) => {
  const title = await postTitleOf(SLUG);
  const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  const count = page.getByTestId('comment-count');
  // Shown as stored (posts.comment_count, read after each reload): the counters may lag
  // a few seconds behind a write, never more.
  const showsStored = (atLeast: number, check: (label: string) => Promise<void>) =>
    reloadUntil(page, async () => {
      const stored = await storedCommentCount(SLUG);
      expect(stored).toBeGreaterThanOrEqual(atLeast);
      await check(commentsLabel(stored));
    });
  const before = await storedCommentCount(SLUG);

  await page.goto(PATH);
  await showsStored(before, (label) => expect(count).toHaveText(label, { timeout: 1000 }));
  await page.goto('/');
  await showsStored(before, (label) => expect(card).toContainText(`· ${label}`, { timeout: 1000 }));

  await apiComment(await createUser(), { postId: await postIdOf(SLUG), body: uniqueText('Counting on this') });
  expect(await storedCommentCount(SLUG)).toBeGreaterThanOrEqual(before + 1);

  await showsStored(before + 1, (label) => expect(card).toContainText(`· ${label}`, { timeout: 1000 }));
  await page.goto(PATH);
  await showsStored(before + 1, (label) => expect(count).toHaveText(label, { timeout: 1000 }));
});
