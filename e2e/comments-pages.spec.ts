import { randomBytes } from 'node:crypto';
import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs } from './helpers/users';

// Long threads come in pages of 50 top-level comments (settings.comments_per_page), with
// links between pages that work without JavaScript, for readers with and without a session.

const SLUG = 'mentoring-new-project-managers';

test.use({ javaScriptEnabled: false });

test('51 threads make two pages: 50 on the first, the oldest on the second', async ({ page, context, baseURL }) => {
  const author = await createUser({ name: 'Prolific Reader' });
  const tag = randomBytes(3).toString('hex');
  // 50 older comments straight into the database, a minute apart, then the newest one
  // through the form (which also refreshes the cached thread).
  await db().query(
    `INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at)
     SELECT 'c' || substr(md5(random()::text || n), 1, 24), p.id, $1, 'Thread ' || n || ' ${tag}', '<p>Thread ' || n || ' ${tag}</p>', 'VISIBLE', now() - make_interval(mins => 60 - n)
       FROM posts p, generate_series(1, 50) AS n WHERE p.slug = $2`,
    [author.id, SLUG],
  );
  await db().query("UPDATE posts SET comment_count = comment_count + 50 WHERE slug = $1", [SLUG]);
  await signInAs(context, author, baseURL ?? '');
  await page.goto(`/post/${SLUG}`);
  await page.getByTestId('comment-form').getByLabel('Write a comment').fill(`Thread 51 ${tag}`);
  await page.getByTestId('comment-form').getByRole('button', { name: 'Publish' }).click();
  await expect(page.locator('.c-body', { hasText: `Thread 51 ${tag}` })).toBeVisible();

  const threads = page.getByTestId('comment-list').locator(':scope > li');
  await expect(threads).toHaveCount(50);
  await expect(page.locator('.c-body', { hasText: `Thread 1 ${tag}` })).toHaveCount(0);
  const pages = page.getByRole('navigation', { name: 'Comment pages' });
  await expect(pages).toContainText('1 / 2');
  await pages.getByRole('link', { name: 'Next comments page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.locator('.c-body', { hasText: `Thread 1 ${tag}` })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Comment pages' })).toContainText('2 / 2');
  await page.getByRole('link', { name: 'Previous comments page' }).click();
  await expect(page.locator('.c-body', { hasText: `Thread 51 ${tag}` })).toBeVisible();

  // An anonymous reader gets the same pages.
  await context.clearCookies();
  await page.goto(`/post/${SLUG}/comments?page=2`);
  await expect(page.locator('.c-body', { hasText: `Thread 1 ${tag}` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log in to comment' })).toBeVisible();
});

test('a page number past the end shows the last page, not an error', async ({ page }) => {
  const res = await page.goto(`/post/${SLUG}/comments?page=999`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Comments' })).toBeVisible();
});
