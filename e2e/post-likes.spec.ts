import type { Page } from '@playwright/test';
import { expect, reloadUntil, test, uniqueText } from './helpers/comments';
import { PASSWORD } from './helpers/fixtures';
import { nodeOfType } from './helpers/json-ld';
import { insertPost, type TestPost } from './helpers/posts';
import { createUser, db, signInAs } from './helpers/users';

// Post likes (the heart under a post, as on Wix): liking and taking it back with and
// without JavaScript, an anonymous reader sent to sign in and back, a banned reader shown
// the count only, and the count on the cached anonymous page, in its JSON-LD, on cards and
// in the API. Each test likes a post of its own (inserted, so this spec is in the
// publishing project), tagged with a tag of its own so its card has a list to itself.

type Post = TestPost & { tag: string };

async function newPost(): Promise<Post> {
  const author = await createUser({ role: 'AUTHOR' });
  const post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: uniqueText('A post to like') });
  const tag = `likes-${post.id.slice(-12)}`;
  const { rows } = await db().query<{ id: string }>(`INSERT INTO tags (id, slug, name) VALUES ('t' || substr(md5(random()::text), 1, 24), $1, $1) RETURNING id`, [tag]);
  await db().query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)', [post.id, rows[0]?.id]);
  return { ...post, tag };
}

/** The post's counter and who liked it, from the database. */
async function stored(postId: string): Promise<{ count: number; users: string[] }> {
  const { rows } = await db().query<{ like_count: number; users: string[] | null }>(
    'SELECT like_count, (SELECT array_agg(user_id ORDER BY user_id) FROM post_likes WHERE post_id = $1) AS users FROM posts WHERE id = $1',
    [postId],
  );
  return { count: rows[0]?.like_count ?? -1, users: rows[0]?.users ?? [] };
}

// After a client-side navigation (back from sign-in) Next keeps the previous page in the DOM, hidden.
const heart = (page: Page) => page.getByTestId('post-like').filter({ visible: true });

/** Waits until React has hydrated the like form (a click before would be a plain form post). */
async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.querySelector('form.post-like-form') ?? {}).some((key) => key.startsWith('__reactFiber')));
}

async function expectHeart(page: Page, pressed: boolean, count: string) {
  await expect(heart(page)).toHaveAttribute('aria-pressed', String(pressed));
  await expect(heart(page).getByTestId('post-like-count')).toHaveText(count);
}

test('with JavaScript: like and take it back in place, the shell shows the reader’s like', async ({ visitor }) => {
  const post = await newPost();
  const reader = await createUser({ name: uniqueText('Heart JS') });
  const page = await visitor(reader);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  const res = await page.goto(`/post/${post.slug}`);
  expect(res?.headers()['x-quire-cache']).toBe('READER');
  await hydrated(page);
  await expectHeart(page, false, '0 likes');
  await expect(heart(page)).toHaveAccessibleName('Like this post: 0 likes');
  // No full reload: what the script put on the window survives the like.
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await heart(page).click();
  await expectHeart(page, true, '1 like');
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(await stored(post.id)).toEqual({ count: 1, users: [reader.id] });

  // From the shell again: the heart is this reader's (pressed), and taking it back works in place.
  const again = await page.reload();
  expect(again?.headers()['x-quire-cache']).toBe('READER');
  await hydrated(page);
  await expectHeart(page, true, '1 like');
  await page.evaluate(() => Object.assign(window, { sameDocument: true }));
  await heart(page).click();
  await expectHeart(page, false, '0 likes');
  expect(await page.evaluate(() => (window as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(await stored(post.id)).toEqual({ count: 0, users: [] });
  expect(errors).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a plain form post likes, redirects back to the heart, and takes it back', async ({ page, baseURL }) => {
    const post = await newPost();
    const reader = await createUser({ name: uniqueText('Heart no JS') });
    await signInAs(page.context(), reader, baseURL ?? '');
    await page.goto(`/post/${post.slug}`);
    await expectHeart(page, false, '0 likes');
    await heart(page).click();
    await page.waitForURL(`**/post/${post.slug}#like`);
    await expectHeart(page, true, '1 like');
    expect(await stored(post.id)).toEqual({ count: 1, users: [reader.id] });
    // The page after the redirect came from the shell, with the reader's like in it.
    const direct = await page.request.get(`/post/${post.slug}`);
    expect(direct.headers()['x-quire-cache']).toBe('READER');
    expect(await direct.text()).toContain('aria-pressed="true"');
    await heart(page).click();
    await page.waitForURL(`**/post/${post.slug}#like`);
    await expectHeart(page, false, '0 likes');
    expect(await stored(post.id)).toEqual({ count: 0, users: [] });
  });
});

test('an anonymous reader’s heart leads to sign in and back; a banned reader sees the count only', async ({ page, visitor }) => {
  const post = await newPost();
  const reader = await createUser({ name: uniqueText('Heart sign in') });
  await page.goto(`/post/${post.slug}`);
  await expect(heart(page)).toHaveAccessibleName('Log in to like this post: 0 likes');
  await heart(page).click();
  await page.waitForURL((url) => url.pathname === '/signin');
  expect(new URL(page.url()).searchParams.get('callbackUrl')).toBe(`/post/${post.slug}#like`);
  await page.getByLabel('Email').fill(reader.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname === `/post/${post.slug}`);
  await hydrated(page);
  await expectHeart(page, false, '0 likes');
  await heart(page).click();
  await expectHeart(page, true, '1 like');
  expect(await stored(post.id)).toEqual({ count: 1, users: [reader.id] });

  const banned = await visitor(await createUser({ banned: true }));
  await banned.goto(`/post/${post.slug}`);
  await expect(heart(banned).getByTestId('post-like-count')).toHaveText('1 like');
  await expect(banned.getByRole('button', { name: /Like this post/ })).toHaveCount(0);
});

test('a like shows at once on the cached anonymous page (still cached) and in its JSON-LD, and on the card and in the API soon after', async ({ page, visitor, request }) => {
  const post = await newPost();
  const path = `/post/${post.slug}`;
  const list = `/blog/tags/${post.tag}`;
  await page.goto(list);
  const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: post.title }) });
  await expect(card.getByTestId('card-like-count')).toHaveText('♡ 0 likes');
  await page.goto(path);
  await expect(heart(page).getByTestId('post-like-count')).toHaveText('0 likes');

  const reader = await visitor(await createUser({ name: uniqueText('Heart counter') }));
  await reader.goto(path);
  await hydrated(reader);
  await heart(reader).click();
  await expectHeart(reader, true, '1 like');

  // The post's counters were expired: the next anonymous answer has the like, and is cached.
  await page.reload();
  await expect(heart(page).getByTestId('post-like-count')).toHaveText('1 like');
  const posting = nodeOfType(await (await request.get(path)).text(), 'BlogPosting');
  const stats = (posting?.interactionStatistic ?? []) as { interactionType: { '@type': string }; userInteractionCount: number }[];
  expect(stats.filter((s) => s.interactionType['@type'] === 'LikeAction').map((s) => s.userInteractionCount)).toEqual([1]);
  await expect(async () => {
    await request.get(path);
    const second = await request.get(path);
    expect(second.headers()['cache-control']).toContain('s-maxage');
    expect(second.headers()['x-quire-cache']).toBe('HIT');
  }).toPass({ timeout: 10_000 });

  // Lists are not expired by a like: the card and the API's list catch up within the counters' lifetime.
  await page.goto(list);
  await reloadUntil(page, async () => expect(card.getByTestId('card-like-count')).toHaveText('♡ 1 like', { timeout: 500 }), 30_000);
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/posts?tag=${post.tag}`)).json()) as { data: { likeCount: number }[] }).data[0]?.likeCount, { timeout: 30_000 })
    .toBe(1);
});

test('a post unpublished under the reader’s eyes: the like is refused with a message beside the heart, nothing stored', async ({ visitor }) => {
  const post = await newPost();
  const reader = await visitor(await createUser({ name: uniqueText('Heart too late') }));
  await reader.goto(`/post/${post.slug}`);
  await hydrated(reader);
  await db().query('UPDATE posts SET deleted_at = now() WHERE id = $1', [post.id]);
  await heart(reader).click();
  await expect(reader.getByTestId('post-like-error')).toHaveText('This post cannot be liked: it is not published.');
  await expectHeart(reader, false, '0 likes');
  expect(await stored(post.id)).toEqual({ count: 0, users: [] });
});
