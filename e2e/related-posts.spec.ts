import type { Browser } from '@playwright/test';
import { expect, test } from './helpers/fixtures';
import { insertPost, postRow } from './helpers/posts';
import { SEED_PATH } from './helpers/site';
import { insertTag } from './helpers/taxonomy';
import { createUser, db, signInAs } from './helpers/users';

// Related Posts on the post page: server-rendered links to the posts that share its tags,
// and a post unpublished in the editor leaves the other posts' cached pages at once.
// Publishes posts: runs with the publishing specs (playwright.config.ts).

/** The related cards' titles and links as an anonymous reader gets the page (the cached one), JavaScript off. */
async function relatedOn(browser: Browser, baseURL: string, path: string): Promise<{ title: string; href: string | null }[]> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    expect((await page.goto(path))?.status()).toBe(200);
    const region = page.getByRole('region', { name: 'Related Posts' });
    if ((await region.count()) === 0) return [];
    await expect(region.getByRole('heading', { level: 2, name: 'Related Posts' })).toBeVisible();
    const links = region.getByRole('article').getByRole('heading', { level: 3 }).getByRole('link');
    // Awaited here, before `finally` closes the context.
    return await Promise.all((await links.all()).map(async (link) => ({ title: await link.innerText(), href: await link.getAttribute('href') })));
  } finally {
    await context.close();
  }
}

test('the posts sharing a tag are linked under the post; one unpublished in the editor is gone from the other page at once', async ({ page, browser, baseURL }) => {
  const base = baseURL ?? '';
  const author = await createUser({ role: 'AUTHOR' });
  const tag = await insertTag('Related');
  const stamp = Date.now().toString(36);
  const me = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: `Related home ${stamp}` });
  const first = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: `Related first ${stamp}` });
  const second = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: `Related second ${stamp}` });
  const draft = await insertPost({ authorId: author.id, status: 'DRAFT', title: `Related draft ${stamp}` });
  for (const post of [me, first, second, draft]) await db().query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)', [post.id, tag.id]);

  const before = await relatedOn(browser, base, `/post/${me.slug}`);
  expect(before).toEqual(
    expect.arrayContaining([
      { title: first.title, href: `/post/${first.slug}` },
      { title: second.title, href: `/post/${second.slug}` },
    ]),
  );
  expect(before.map((card) => card.title)).not.toContain(draft.title);
  expect(before.map((card) => card.title)).not.toContain(me.title);
  // Served from the cache now: the next read must not be a first render.
  expect((await relatedOn(browser, base, `/post/${me.slug}`)).length).toBe(before.length);

  await signInAs(page.context(), author, base);
  await page.goto(`/admin/posts/${first.id}`);
  await page.getByRole('button', { name: 'Unpublish (back to draft)' }).click();
  await expect.poll(async () => (await postRow(first.id))?.status).toBe('DRAFT');

  const after = await relatedOn(browser, base, `/post/${me.slug}`);
  expect(after.map((card) => card.title)).not.toContain(first.title);
  expect(after).toContainEqual({ title: second.title, href: `/post/${second.slug}` });
});

test('the seed post shows Related Posts above Recent Posts, and Recent Posts does not repeat them', async ({ page }) => {
  expect((await page.goto(SEED_PATH))?.status()).toBe(200);
  const related = page.getByRole('region', { name: 'Related Posts' });
  const recent = page.getByRole('region', { name: 'Recent Posts' });
  await expect(related.getByRole('article')).toHaveCount(3);
  await expect(recent.getByRole('article')).toHaveCount(3);
  const hrefs = async (region: typeof related) =>
    Promise.all((await region.getByRole('article').getByRole('heading', { level: 3 }).getByRole('link').all()).map((l) => l.getAttribute('href')));
  const relatedLinks = await hrefs(related);
  const recentLinks = await hrefs(recent);
  expect(relatedLinks).not.toContain(SEED_PATH);
  expect(relatedLinks.filter((href) => recentLinks.includes(href))).toEqual([]);
  // Related comes first on the page.
  const [relatedBox, recentBox] = [await related.boundingBox(), await recent.boundingBox()];
  expect(relatedBox?.y ?? Infinity).toBeLessThan(recentBox?.y ?? 0);
});
