import { as, newPost, unique } from './helpers/editor';
import { expect, test } from './helpers/fixtures';
import { postRow } from './helpers/posts';
import { createUser, db, signInAs } from './helpers/users';

// Writing in the admin area: drafts with autosave, the live preview, publishing (and who
// may), the version check between two tabs, the same editor without JavaScript, the cover
// upload and the history. A published post's addresses: admin-posts-publication.spec.ts.

test('a contributor drafts with autosave and cannot publish', async ({ page, baseURL }) => {
  await as(page, 'CONTRIBUTOR', baseURL);
  // Staff find the admin area from their profile.
  await page.goto('/profile');
  await page.getByRole('link', { name: 'Admin area: write and publish' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const id = await newPost(page);
  const title = unique('Contributor draft');
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Body (markdown)').fill('A first paragraph written by a contributor.');
  await expect(page.getByTestId('save-state')).toHaveText('Saved.', { timeout: 15_000 });
  expect((await postRow(id))?.title).toBe(title);
  // Typing after a save is unsaved again until the next autosave.
  await page.getByLabel('Body (markdown)').press('End');
  await page.getByLabel('Body (markdown)').pressSequentially(' More.');
  await expect(page.getByTestId('save-state')).toHaveText('Unsaved changes');
  await expect(page.getByTestId('save-state')).toHaveText('Saved.', { timeout: 15_000 });
  expect((await postRow(id))?.body).toBe('A first paragraph written by a contributor. More.');
  await expect(page.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
  await expect(page.getByText('An editor or the author publishes contributors’ drafts.')).toBeVisible();
  expect((await postRow(id))?.status).toBe('DRAFT');
});

test('an author previews, publishes, and the post is on the home page and /blog at once; an edit shows on the next request', async ({ page, baseURL }) => {
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  const title = unique('Fresh from the editor');
  await page.getByLabel('Title', { exact: true }).fill(title);
  const body = page.getByLabel('Body (markdown)');
  // A shortcut: the selection becomes bold.
  await body.fill('word');
  await body.press('Control+a');
  await body.press('Control+b');
  await expect(body).toHaveValue('**word**');
  await body.fill('Some **strong** words and a [link](https://example.com).');
  await expect(page.getByTestId('preview').locator('strong')).toHaveText('strong');
  await expect(page.getByTestId('word-count')).toHaveText('6 words · 1 min read');
  await page.getByRole('checkbox', { name: 'Careers' }).check();
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  await expect(page.getByTestId('post-status')).toContainText('published');
  const { slug } = (await postRow(id)) ?? { slug: '' };

  const reader = await page.context().browser()?.newContext({ baseURL });
  const anonymous = await reader!.newPage();
  await anonymous.goto('/');
  await expect(anonymous.getByRole('link', { name: title }).first()).toBeVisible();
  await anonymous.goto('/blog');
  await expect(anonymous.getByRole('link', { name: title }).first()).toBeVisible();
  await anonymous.goto('/blog/categories/careers');
  await expect(anonymous.getByRole('link', { name: title }).first()).toBeVisible();
  await anonymous.goto(`/post/${slug}`);
  await expect(anonymous.getByRole('heading', { level: 1, name: title })).toBeVisible();

  // Edit the published post: the public page shows it on the next request.
  await body.fill('The body after an edit.');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  await anonymous.goto(`/post/${slug}`);
  await expect(anonymous.getByText('The body after an edit.')).toBeVisible();
  await reader!.close();
});

test('an editor edits and updates another author’s published post; the author’s own list shows the change', async ({ page, baseURL, browser }) => {
  const author = await createUser({ role: 'AUTHOR' });
  const authorContext = await browser.newContext({ baseURL });
  await signInAs(authorContext, author, baseURL ?? '');
  const authorPage = await authorContext.newPage();
  const id = await newPost(authorPage);
  await authorPage.getByLabel('Title', { exact: true }).fill(unique('Written by an author'));
  await authorPage.getByLabel('Body (markdown)').fill('The author’s first version.');
  await authorPage.getByRole('button', { name: 'Publish now' }).click();
  await expect(authorPage.getByTestId('save-state')).toHaveText('Published.');
  const { slug } = (await postRow(id)) ?? { slug: '' };

  await as(page, 'EDITOR', baseURL);
  await page.goto(`/admin/posts/${id}`);
  const edited = unique('Tightened by the editor');
  await page.getByLabel('Title', { exact: true }).fill(edited);
  await page.getByLabel('Body (markdown)').fill('The editor’s version.');
  await page.getByRole('button', { name: 'Update' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  const row = await postRow(id);
  expect([row?.title, row?.body, row?.status]).toEqual([edited, 'The editor’s version.', 'PUBLISHED']);

  // A published post keeps its address when its title changes (only a hand edit moves it).
  const reader = await browser.newContext({ baseURL });
  const anonymous = await reader.newPage();
  await anonymous.goto(`/post/${slug}`);
  await expect(anonymous.getByRole('heading', { level: 1, name: edited })).toBeVisible();
  await authorPage.goto('/admin/posts');
  await expect(authorPage.getByRole('link', { name: edited })).toBeVisible();
  await Promise.all([reader.close(), authorContext.close()]);
});

test('two tabs: the later save from an old version is refused and the earlier text stays', async ({ page, baseURL }) => {
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  const second = await page.context().newPage();
  await second.goto(`/admin/posts/${id}`);
  await page.getByLabel('Body (markdown)').fill('Written in the first tab.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  await second.getByLabel('Body (markdown)').fill('Written in the second tab.');
  await second.getByRole('button', { name: 'Save draft' }).click();
  await expect(second.getByTestId('save-state')).toContainText('This post was saved elsewhere since you opened it');
  // Nothing lost: the second tab keeps its text, the database the first tab's.
  await expect(second.getByLabel('Body (markdown)')).toHaveValue('Written in the second tab.');
  expect((await postRow(id))?.body).toBe('Written in the first tab.');
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the editor saves as a plain form post and says so', async ({ page, baseURL }) => {
    await as(page, 'AUTHOR', baseURL);
    const id = await newPost(page);
    const title = unique('Written without script');
    await page.getByLabel('Title', { exact: true }).fill(title);
    await page.getByLabel('Body (markdown)').fill('Plain form body.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByTestId('save-state')).toHaveText('Saved.');
    await expect(page.getByLabel('Title', { exact: true })).toHaveValue(title);
    expect(await postRow(id)).toMatchObject({ title, body: 'Plain form body.', status: 'DRAFT' });
  });

  test('a bad address comes back with its message and the typed text', async ({ page, baseURL }) => {
    await as(page, 'AUTHOR', baseURL);
    const id = await newPost(page);
    await page.getByLabel('Body (markdown)').fill('Kept while the address is fixed.');
    await page.getByLabel('Address', { exact: true }).fill('Not a valid address!');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByText('Use lowercase letters, digits and single hyphens.')).toBeVisible();
    await expect(page.getByLabel('Body (markdown)')).toHaveValue('Kept while the address is fixed.');
    expect((await postRow(id))?.body).toBe('');
  });
});

test('a member cannot open the editor (403) and a contributor cannot open another’s draft (404)', async ({ page, baseURL }) => {
  const owner = await createUser({ role: 'CONTRIBUTOR' });
  const { rows } = await db().query<{ id: string }>(
    `INSERT INTO posts (id, slug, title, author_id, status, updated_at) VALUES ('p' || substr(md5(random()::text), 1, 24), 'draft-' || substr(md5(random()::text), 1, 12), 'Someone else''s draft', $1, 'DRAFT', now()) RETURNING id`,
    [owner.id],
  );
  const id = rows[0]?.id ?? '';
  await as(page, 'MEMBER', baseURL);
  expect((await page.goto(`/admin/posts/${id}`))?.status()).toBe(403);
  await page.context().clearCookies();
  await as(page, 'CONTRIBUTOR', baseURL);
  expect((await page.goto(`/admin/posts/${id}`))?.status()).toBe(404);
});

test('a cover uploaded in the editor fills the cover fields and is saved with the post', async ({ page, baseURL }) => {
  const sharp = (await import('sharp')).default;
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a9d8f' } }).png().toBuffer();
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  await page.getByLabel('Upload a cover image').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByLabel('Cover image address')).toHaveValue(/^\/uploads\/[a-f0-9]+\.png$/);
  await page.getByLabel('Cover description (alt text)').fill('A teal rectangle');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  const { rows } = await db().query<{ cover_image: string; cover_alt: string }>('SELECT cover_image, cover_alt FROM posts WHERE id = $1', [id]);
  expect(rows[0]?.cover_image).toMatch(/^\/uploads\/[a-f0-9]+\.png$/);
  expect(rows[0]?.cover_alt).toBe('A teal rectangle');
});

test('the history shows a revision against the current text and restores it', async ({ page, baseURL }) => {
  await as(page, 'AUTHOR', baseURL);
  const id = await newPost(page);
  const body = page.getByLabel('Body (markdown)');
  await body.fill('First version of the body.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  await body.fill('Second version, quite different.');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');

  await page.getByRole('link', { name: 'History' }).click();
  const revisions = page.getByRole('navigation', { name: 'Revisions' }).getByRole('link');
  await expect(revisions).toHaveCount(2);
  await revisions.last().click();
  const diff = page.getByTestId('revision-diff');
  await expect(diff.locator('del')).toContainText('Second version, quite different.');
  await expect(diff.locator('ins')).toContainText('First version of the body.');
  await page.getByRole('button', { name: 'Restore this revision' }).click();
  await expect(page).toHaveURL(new RegExp(`/admin/posts/${id}$`));
  await expect(page.getByTestId('save-state')).toContainText('Restored the revision of');
  await expect(page.getByLabel('Body (markdown)')).toHaveValue('First version of the body.');
  expect((await postRow(id))?.body).toBe('First version of the body.');
});
