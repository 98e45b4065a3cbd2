import type { Page } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { countCommentsBy } from './helpers/comment-rows';
import { postIdOf } from './helpers/comments';
import { createUser, sessionCookieHeader, signInAs } from './helpers/users';

// The reproductions of the "bad input reaches a 500" issue, each as it was reported:
// malformed percent-encoding in a path (lib/bad-path.mjs answers 400 with the
// site's not-found page before Next decodes anything), and a NUL in a comment (refused
// with a field message by the shared rule in lib/validations/storable-text.ts).

const UNSTORABLE = 'This contains characters that cannot be stored (a NUL, or half of an emoji): remove them and try again.';
const SLUG = 'status-reports-people-read';

const MALFORMED = ['/post/%FF', '/post/abc%C0%AF', '/post/%ED%A0%80', '/blog/categories/%FF', '/blog/tags/%ED%A0%80', '/%FF', '/post/%E0%A4%A', '/uploads/%FF'];

async function expectNotFoundPageInChrome(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('banner').getByRole('searchbox', { name: 'Search the blog' })).toBeVisible();
}

for (const path of MALFORMED) {
  test(`${path} answers 400 with the site's not-found page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(400);
    await expectNotFoundPageInChrome(page);
  });
}

test('malformed escapes in the query string are left to the page: /search?q=%FF answers 200', async ({ request }) => {
  expect((await request.get('/search?q=%FF')).status()).toBe(200);
  expect((await request.get('/post/%ED%A0%80?sort=top', { headers: { rsc: '1' } })).status()).toBe(400);
});

test('POST /api/comments with a NUL in the body answers 400 with the field message, and stores nothing', async ({ request }) => {
  const reader = await createUser();
  const cookie = await sessionCookieHeader(reader);
  const postId = await postIdOf(SLUG);
  for (const body of ['a\u0000b', 'half an emoji \uD83D here']) {
    const res = await request.post('/api/comments', { headers: { cookie }, data: JSON.stringify({ postId, body }) });
    expect(res.status()).toBe(400);
    expect(await res.json()).toEqual({ error: 'Check your comment.', fieldErrors: { body: UNSTORABLE } });
  }
  expect(await countCommentsBy(reader.id)).toBe(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a comment with a NUL comes back with the message and the rest of the text', async ({ page, baseURL }) => {
    const reader = await createUser();
    await signInAs(page.context(), reader, baseURL ?? '');
    await page.goto(`/post/${SLUG}`);
    const form = page.getByTestId('comment-form');
    const text = `Before ${Date.now().toString(36)}\u0000after`;
    await form.getByLabel('Write a comment').fill(text);
    await form.getByRole('button', { name: 'Publish' }).click();
    const back = page.getByTestId('comment-form');
    await expect(back.getByText(UNSTORABLE)).toBeVisible();
    await expect(back.getByLabel('Write a comment')).toHaveValue(text.replace('\u0000', ''));
    expect(await countCommentsBy(reader.id)).toBe(0);
  });
});
