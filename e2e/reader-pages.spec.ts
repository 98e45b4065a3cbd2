import type { Page } from '@playwright/test';
import { insertHeldComment } from './helpers/comment-rows';
import { servedPage } from './helpers/reader-pages';
import { commentArticle, expect, postIdOf, test, uniqueText } from './helpers/comments';
import { createUser, db, sessionCookieHeader } from './helpers/users';

// A signed-in reader's post page is served by the production server from the signed-in
// page's shared shell with their own layer put in (server/reader-pages.mjs): no render per
// request. What is checked: which answers take that way (x-quire-cache: READER) and which
// are rendered as before; that the page is the reader's own without JavaScript; and that with
// JavaScript it hydrates cleanly and a like taken back shows as taken back (the shell's
// bytes differ from what React was told, and a refresh must still replace them).

const SLUG = 'agile-and-the-pmo';
const PATH = `/post/${SLUG}`;

const answer = (page: Page, path = PATH) => servedPage(page, path);

test('a signed-in reader gets the shell with their name and own rows; a query, a held comment or a ban take the rendered page', async ({ visitor, apiComment }) => {
  const postId = await postIdOf(SLUG);
  const [ann, ben] = [await createUser({ name: uniqueText('Shell Ann') }), await createUser({ name: uniqueText('Shell <b>Ben</b>') })];
  const byAnn = await apiComment(ann, { postId, body: uniqueText('Ann in the shell') });
  const [annPage, benPage] = [await visitor(ann), await visitor(ben)];

  const forAnn = await answer(annPage);
  expect(forAnn.cache).toBe('READER');
  expect(forAnn.html).toContain(`<strong data-reader-name="">${ann.name}</strong>`);
  expect(forAnn.html).toContain(`form="comment-delete" name="commentId" value="${byAnn.id}">Delete</button>`);
  expect(forAnn.html).toContain(`?edit=${byAnn.id}#edit-${byAnn.id}`);
  // Ben's name is escaped, and Ann's rows are not his.
  const forBen = await answer(benPage);
  expect(forBen.cache).toBe('READER');
  expect(forBen.html).toContain('<strong data-reader-name="">Shell &#x3C;b>Ben&#x3C;/b>');
  expect(forBen.html).not.toContain(`value="${byAnn.id}">Delete`);
  expect(forBen.html).not.toContain(`<strong data-reader-name="">${ann.name}`);

  // Ann likes the post: her page from the shell has the heart pressed with the exact count
  // (from the same query as her rows, not the shell's cached counter); Ben's is not pressed.
  await db().query('INSERT INTO post_likes (post_id, user_id) VALUES ($1, $2)', [postId, ann.id]);
  const { rows } = await db().query<{ like_count: number }>('SELECT like_count FROM posts WHERE id = $1', [postId]);
  const n = rows[0]?.like_count ?? -1;
  const count = `<span data-testid="post-like-count">${n} ${n === 1 ? 'like' : 'likes'}</span>`;
  const likedByAnn = await answer(annPage);
  expect(likedByAnn.cache).toBe('READER');
  expect(likedByAnn.html).toMatch(new RegExp(`name="like" value="0" aria-pressed="true" class="post-like" data-testid="post-like">.*?${count}</button>`));
  expect(likedByAnn.html).not.toContain('<!--like-->');
  const notByBen = await answer(benPage);
  expect(notByBen.cache).toBe('READER');
  expect(notByBen.html).toMatch(new RegExp(`name="like" value="1" aria-pressed="false" class="post-like" data-testid="post-like">.*?${count}</button>`));
  // Next's own render of her page (another sort) shows her like too; its count is the page's
  // cached counter, which a like through the form expires (this one went straight to the table).
  const rendered = await answer(annPage, `${PATH}?sort=oldest`);
  expect(rendered.cache).toBeNull();
  expect(rendered.html).toContain('name="like" value="0" aria-pressed="true" class="post-like" data-testid="post-like">');

  // Another sort is rendered per request, as before.
  expect((await answer(annPage, `${PATH}?sort=oldest`)).cache).toBeNull();
  // A held comment only its author sees: rendered, and there.
  const held = uniqueText('Ben held for review');
  await insertHeldComment(postId, ben.id, held);
  const heldPage = await answer(benPage);
  expect(heldPage.cache).toBeNull();
  expect(heldPage.html).toContain(held);
  // A banned reader: rendered, with the banned message instead of the form.
  const banned = await createUser({ name: uniqueText('Shell Banned'), banned: true });
  const res = await (await visitor()).request.get(PATH, { headers: { cookie: await sessionCookieHeader(banned) } });
  expect(res.headers()['x-quire-cache']).toBeUndefined();
  expect(await res.text()).not.toContain('data-testid="comment-form"');
});

test('with JavaScript the shell hydrates without errors, and a like and its undoing show in place', async ({ visitor, apiComment }) => {
  const postId = await postIdOf(SLUG);
  const author = await createUser({ name: uniqueText('Shell Author') });
  const { id } = await apiComment(author, { postId, body: uniqueText('Like me and take it back') });
  const reader = await createUser({ name: uniqueText('Shell Liker') });
  const page = await visitor(reader);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  const res = await page.goto(PATH);
  expect(res?.headers()['x-quire-cache']).toBe('READER');
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[data-reader-name]')).toHaveText(reader.name);

  const like = () => commentArticle(page, id).getByRole('button', { name: /Like|Unlike/ });
  await like().click();
  await expect(like()).toHaveAttribute('aria-pressed', 'true');
  await expect(like().getByTestId('like-count')).toHaveText('1');
  // The page again from the shell, with this like in it; then taken back with the script.
  await page.reload();
  await page.waitForLoadState('networkidle');
  await expect(like()).toHaveAttribute('aria-pressed', 'true');
  await like().click();
  await expect(like()).toHaveAttribute('aria-pressed', 'false');
  await expect(like().getByTestId('like-count')).toHaveText('0');
  // One copy of the thread: the page was not rendered a second time beside the first.
  await expect(page.locator(`#comment-${id}`)).toHaveCount(1);
  expect(errors).toEqual([]);
});
