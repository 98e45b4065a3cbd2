import { expect, test, uniqueText } from './helpers/comments';
import { insertPost } from './helpers/posts';
import { servedPage as answer } from './helpers/reader-pages';
import { createUser, db } from './helpers/users';

// The counts on a signed-in page served from the shared shell (server/reader-pages.mjs,
// lib/posts/counters.mjs): the views, comments and likes of the moment, not the shell's,
// since the shell now serves for minutes. Its own published post, so it runs in the
// `publishing` project (playwright.config.ts): the other specs count the site's posts.


test('the counts on a page from the shell are the moment’s, not the shell’s, and hydration keeps them', async ({ visitor }) => {
  const author = await createUser({ role: 'AUTHOR', name: uniqueText('Shell Counts Author') });
  const post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: uniqueText('Shell counts') });
  const path = `/post/${post.slug}`;
  const page = await visitor(await createUser({ name: uniqueText('Shell Counter') }));
  const first = await answer(page, path);
  expect(first.cache).toBe('READER');
  expect(first.html).toContain(`<span data-count="views:${post.id}" data-testid="view-count">0 views</span>`);
  // Straight into the table: no invalidation reaches the shell, which serves on.
  await db().query('UPDATE posts SET view_count = 4321, comment_count = 1 WHERE id = $1', [post.id]);
  const second = await answer(page, path);
  expect(second.cache).toBe('READER');
  expect(second.html).toContain(`<span data-count="views:${post.id}" data-testid="view-count">4,321 views</span>`);
  expect(second.html).toContain(`<span data-count="comments:${post.id}">1 comment</span>`);

  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  expect((await page.goto(path))?.headers()['x-quire-cache']).toBe('READER');
  await page.waitForLoadState('networkidle');
  // The payload React hydrates from says 0 views (the shell's); the page keeps the server's text.
  await expect(page.getByTestId('view-count')).toHaveText('4,321 views');
  await expect(page.getByTestId('comment-count')).toHaveText('1 comment');
  expect(errors).toEqual([]);
});
