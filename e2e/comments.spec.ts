import { commentIdByBody, countCommentsBy, getComment, postTitleOf, storedCommentCount } from './helpers/comment-rows';
import {
  commentArticle,
  commentsLabel,
  disclosure,
  expect,
  postIdOf,
  reloadUntil,
  SHARED_POST,
  submitComment,
  test,
  threadOrder,
  uniqueText,
  writeComment,
} from './helpers/comments';
import { createUser } from './helpers/users';

// Readers' comments with JavaScript on: writing, markdown, replies, the per-reader rate
// limit and the counters. Editing and deleting: comments-editing.spec.ts; likes and sorting:
// comments-likes-sorting.spec.ts.
// On the post the comment specs share (helpers/comments.ts SHARED_POST).

const { slug: SLUG, path: PATH } = SHARED_POST;

test('a signed-in reader writes a comment: a preview shows while it is sent, then the comment with their name', async ({ page, visitor, signIn }) => {
  const user = await createUser({ name: uniqueText('Writer') });
  await signIn(user, PATH);
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

test('markdown is rendered, raw HTML is shown as text, and links get rel="nofollow ugc noopener"', async ({ page, signIn }) => {
  const user = await createUser();
  await signIn(user, PATH);
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

test('a reply is threaded under the comment it answers', async ({ page, apiComment, signIn }) => {
  const author = await createUser();
  const parent = await apiComment(author, { postId: await postIdOf(SLUG), body: uniqueText('Who owns the risk register?') });
  const replier = await createUser({ name: uniqueText('Replier') });
  await signIn(replier, PATH);

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

test('a second comment within 10 seconds is refused inline and the text is kept', async ({ page, signIn }) => {
  const user = await createUser();
  await signIn(user, PATH);
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
  // Shown as stored (posts.comment_count, read after each reload). The post's own page is
  // expired by the comment; a list's cards are not, and catch up within two of the counters'
  // 10 s lives (the page and the list it was built from each refresh in the background:
  // README, "Caching"; measured 1.6–13.4 s), as the like counts on cards do (post-likes.spec.ts).
  const showsStored = (atLeast: number, check: (label: string) => Promise<void>) =>
    reloadUntil(
      page,
      async () => {
        const stored = await storedCommentCount(SLUG);
        expect(stored).toBeGreaterThanOrEqual(atLeast);
        await check(commentsLabel(stored));
      },
      30_000,
    );
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
