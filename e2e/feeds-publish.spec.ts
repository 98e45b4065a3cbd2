import { expect, test } from './helpers/fixtures';
import { parseJsonFeed, parseXmlFeed } from '../tests/helpers/feed-xml';
import { conditionalGet } from './helpers/feeds';
import { createUser, db, signInAs } from './helpers/users';

// A post published in the editor is in the feeds on the next request (the feeds share the
// pages' cache tags), under a new ETag, so a reader holding the old one gets it; its
// author's feed exists from that moment. Runs with the publishing specs.

test('a newly published post is in the site and author feeds at once, title escaped, body whole', async ({ page, baseURL, request }) => {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(page.context(), author, baseURL ?? '');
  // Read first, so what follows is served after an invalidation, not a first render.
  const before = await conditionalGet(request, '/rss.xml', {});
  expect(before.status).toBe(200);
  expect((await request.get(`/blog/authors/${author.id}/atom.xml`)).status()).toBe(404);

  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  const id = page.url().split('/').pop() ?? '';
  const title = `Feeds ]]> arrive <now> & ${Date.now().toString(36)}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body (markdown)').fill('A paragraph only the feed test writes.\n\n[Home](/)');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  const slug = (await db().query<{ slug: string }>('SELECT slug FROM posts WHERE id = $1', [id])).rows[0]?.slug ?? '';

  const after = await conditionalGet(request, '/rss.xml', { 'If-None-Match': before.etag ?? '' });
  expect(after.status).toBe(200);
  const item = parseXmlFeed(after.body).items[0];
  expect(item?.title).toBe(title);
  expect(new URL(item?.url ?? '').pathname).toBe(`/post/${slug}`);
  expect(item?.content).toContain('A paragraph only the feed test writes.');
  expect(item?.content).toMatch(/href="https?:\/\/[^"]+\/"/);
  expect((await conditionalGet(request, '/rss.xml', { 'If-None-Match': after.etag ?? '' })).status).toBe(304);

  const json = parseJsonFeed(await (await request.get('/feed.json')).text());
  expect(json.items[0]?.title).toBe(title);
  const authorFeed = parseXmlFeed(await (await request.get(`/blog/authors/${author.id}/atom.xml`)).text());
  expect(authorFeed.items.map((i) => i.title)).toEqual([title]);
});
