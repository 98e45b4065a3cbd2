import { readFile } from 'node:fs/promises';
import { expect, test } from './helpers/fixtures';
import { createUser, sessionCookieHeader, signInAs } from './helpers/users';

// "Download the site" on /admin (issue 13, item 5): an admin gets the Quire archive of
// `npm run export` as an attachment, without password hashes; nobody else gets it, whatever
// the proxy let through (the route checks the session and the role itself). Reads only:
// not a publishing or site-wide spec.

test('an admin downloads the whole site from /admin; editors, banned admins and anonymous are refused', async ({ page, baseURL, request }) => {
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(page.context(), admin, baseURL ?? '');
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Export' })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download the site' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^quire-export-\d{4}-\d{2}-\d{2}\.json$/);
  const archive = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    format: string;
    passwordHashes: boolean;
    tables: { users: Record<string, unknown>[]; posts: { slug: string }[] };
    counts: Record<string, number>;
  };
  expect([archive.format, archive.passwordHashes]).toEqual(['quire-export', false]);
  expect(archive.tables.posts.map((p) => p.slug)).toContain('measuring-what-matters-on-a-blog');
  expect(archive.counts.posts).toBe(archive.tables.posts.length);
  expect(archive.tables.users.some((u) => 'password_hash' in u)).toBe(false);
  expect(archive.tables.users.map((u) => u.id)).toContain(admin.id);

  const editor = await createUser({ role: 'EDITOR' });
  const asEditor = await request.get('/api/admin/export', { headers: { cookie: await sessionCookieHeader(editor) } });
  expect(asEditor.status()).toBe(403);
  expect(((await asEditor.json()) as { error: string }).error).toBe('Only admins can export the site.');
  const banned = await createUser({ role: 'ADMIN', banned: true });
  expect((await request.get('/api/admin/export', { headers: { cookie: await sessionCookieHeader(banned) } })).status()).toBe(403);
  const anonymous = await request.get('/api/admin/export', { headers: { cookie: '' } });
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()['cache-control']).toContain('no-store');
});

test('an editor sees no export on /admin', async ({ page, baseURL }) => {
  const editor = await createUser({ role: 'EDITOR' });
  await signInAs(page.context(), editor, baseURL ?? '');
  await page.goto('/admin');
  await expect(page.getByRole('link', { name: 'Posts' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Download the site' })).toHaveCount(0);
});
