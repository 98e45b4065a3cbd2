import type { Page } from '@playwright/test';
import { formatViolations, scanWcag } from './helpers/axe';
import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs, type Role } from './helpers/users';

// Categories and tags (/admin/taxonomy): editors create, rename and delete categories and
// merge tags; readers see the change on the next request and old addresses answer 301;
// other roles get a 403; the forms work without JavaScript. Runs with the publishing
// specs: it publishes posts and adds a category to the blog menu.

function unique(label: string): string {
  return `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function as(page: Page, role: Role, baseURL: string | undefined) {
  const user = await createUser({ role });
  await signInAs(page.context(), user, baseURL ?? '');
  return user;
}

async function expectNoAxeViolations(page: Page) {
  const violations = await scanWcag(page);
  expect(violations, `axe found violations on ${page.url()}:\n\n${formatViolations(violations)}`).toEqual([]);
}

/** A published post with tags, written straight to the database. */
async function publishedPost(authorId: string, title: string, tagIds: string[]): Promise<string> {
  const slug = `post-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO posts (id, slug, title, body, status, published_at, author_id, updated_at)
     VALUES ('p' || substr(md5(random()::text), 1, 24), $1, $2, 'Tagged for a merge.', 'PUBLISHED', now() - interval '1 minute', $3, now()) RETURNING id`,
    [slug, title, authorId],
  );
  for (const tagId of tagIds) await db().query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)', [rows[0]?.id, tagId]);
  return slug;
}

async function newTag(name: string): Promise<{ id: string; slug: string }> {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const { rows } = await db().query<{ id: string }>(`INSERT INTO tags (id, slug, name) VALUES ('t' || substr(md5(random()::text), 1, 24), $1, $2) RETURNING id`, [slug, name]);
  return { id: rows[0]?.id ?? '', slug };
}

test('an editor creates a category, files a post under it and renames it: readers see the new name at once, the old address redirects', async ({ page, baseURL, browser }) => {
  await as(page, 'EDITOR', baseURL);
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Categories and tags' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Categories and tags' })).toBeVisible();
  await expectNoAxeViolations(page);

  const name = unique('Field notes');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Description').fill('Notes from the field.');
  await page.getByRole('button', { name: 'Create category' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Category “${name}” created` })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('');
  const oldSlug = name.toLowerCase().replace(/ /g, '-');
  await expect(page.getByTestId('category-table').getByRole('row', { name: new RegExp(name) })).toContainText(`/blog/categories/${oldSlug}`);

  // Filed from the post editor, as a writer would.
  const title = unique('Filed under notes');
  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByRole('checkbox', { name, exact: true }).check();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  const { rows } = await db().query<{ slug: string }>('SELECT slug FROM posts WHERE title = $1', [title]);
  const postSlug = rows[0]?.slug ?? '';

  const reader = await browser.newContext({ baseURL });
  const readerPage = await reader.newPage();
  await readerPage.goto(`/blog/categories/${oldSlug}`);
  await expect(readerPage.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(readerPage.getByRole('link', { name: title })).toBeVisible();

  await page.goto('/admin/taxonomy');
  await expect(page.getByTestId('category-table').getByRole('row', { name: new RegExp(name) }).getByRole('cell').last()).toHaveText('1');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Category “${name}”` })).toBeVisible();
  const renamed = unique('Dispatches');
  const newSlug = renamed.toLowerCase().replace(/ /g, '-');
  await page.getByLabel('Name').fill(renamed);
  await page.getByLabel('Address').fill(newSlug);
  await page.getByRole('button', { name: 'Save category' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: `Category “${renamed}”` })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: `/blog/categories/${oldSlug}` })).toBeVisible();

  await readerPage.goto(`/blog/categories/${newSlug}`);
  await expect(readerPage.getByRole('heading', { level: 1, name: renamed })).toBeVisible();
  await expect(readerPage.getByRole('link', { name: title })).toBeVisible();
  await readerPage.goto(`/post/${postSlug}`);
  await expect(readerPage.getByRole('link', { name: renamed, exact: true })).toHaveAttribute('href', `/blog/categories/${newSlug}`);
  const moved = await reader.request.get(`/blog/categories/${oldSlug}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()['location']).toMatch(new RegExp(`/blog/categories/${newSlug}$`));
  await reader.close();
});

test('an editor merges one tag into another: its posts show under the other, and its address leads there', async ({ page, baseURL, request }) => {
  const editor = await as(page, 'EDITOR', baseURL);
  const stamp = unique('merge').replace(' ', '-');
  const source = await newTag(`JS ${stamp}`);
  const target = await newTag(`JavaScript ${stamp}`);
  const fromSource = unique('Only under JS');
  const fromTarget = unique('Only under JavaScript');
  await publishedPost(editor.id, fromSource, [source.id]);
  await publishedPost(editor.id, fromTarget, [target.id]);

  await page.goto(`/admin/taxonomy?q=${encodeURIComponent(stamp)}`);
  await expect(page.getByTestId('tag-table').getByRole('row')).toHaveCount(3);
  await page.getByRole('link', { name: `JS ${stamp}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Tag “JS ${stamp}”` })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Merge into', { exact: true }).fill(`javascript ${stamp}`);
  await page.getByRole('button', { name: `Merge “JS ${stamp}”` }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/taxonomy/tags/${target.id}$`));
  await expect(page.getByRole('status').filter({ hasText: '1 post moved' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tag “JavaScript ${stamp}”`);

  const { rows } = await db().query('SELECT 1 FROM tags WHERE id = $1', [source.id]);
  expect(rows).toHaveLength(0);
  const listing = await request.get(`/blog/tags/${target.slug}`);
  const html = await listing.text();
  expect(html).toContain(fromSource);
  expect(html).toContain(fromTarget);
  const moved = await request.get(`/blog/tags/${source.slug}`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers()['location']).toMatch(new RegExp(`/blog/tags/${target.slug}$`));
});

test('an author gets a 403 at /admin/taxonomy and does not see the section; an unknown category is a 404 for an editor', async ({ page, baseURL, browser }) => {
  await as(page, 'AUTHOR', baseURL);
  expect((await page.goto('/admin/taxonomy'))?.status()).toBe(403);
  const { rows } = await db().query<{ id: string }>('SELECT id FROM tags ORDER BY name LIMIT 1');
  expect((await page.goto(`/admin/taxonomy/tags/${rows[0]?.id}`))?.status()).toBe(403);
  await page.goto('/admin');
  await expect(page.getByRole('link', { name: 'Posts' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Categories and tags' })).toHaveCount(0);

  const editorContext = await browser.newContext({ baseURL });
  await signInAs(editorContext, await createUser({ role: 'EDITOR' }), baseURL ?? '');
  const editorPage = await editorContext.newPage();
  expect((await editorPage.goto('/admin/taxonomy/categories/cnosuchcategory000000000'))?.status()).toBe(404);
  await editorContext.close();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a bad or taken address is refused with the typed name kept; a category is created, then deleted after the confirm step', async ({ page, baseURL }) => {
    await as(page, 'EDITOR', baseURL);
    await page.goto('/admin/taxonomy');
    const name = unique('Plain form');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Address').fill('Not An Address!');
    await page.getByRole('button', { name: 'Create category' }).click();
    await expect(page.getByText('Use lowercase letters, digits and single hyphens.')).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue(name);
    await expect(page.getByLabel('Address')).toHaveValue('Not An Address!');

    // A seeded category's address.
    await page.getByLabel('Address').fill('project-management');
    await page.getByRole('button', { name: 'Create category' }).click();
    await expect(page.getByText('That address is taken.')).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue(name);

    await page.getByLabel('Address').fill('');
    await page.getByRole('button', { name: 'Create category' }).click();
    await expect(page.getByText(`Category “${name}” created`)).toBeVisible();
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('button', { name: `Delete “${name}”` })).toBeHidden();
    await page.getByText('Delete this category…').click();
    await page.getByRole('button', { name: `Delete “${name}”` }).click();
    await expect(page).toHaveURL(/\/admin\/taxonomy$/);
    await expect(page.getByText(`Deleted the category “${name}”. No post had it.`)).toBeVisible();
    await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
  });
});
