import { readFileSync } from 'node:fs';
import type pg from 'pg';
import { formatViolations, scanWcag } from './helpers/axe';
import { expect, test } from './helpers/fixtures';
import { createUser, db, sessionCookieHeader, signInAs } from './helpers/users';

// /admin/import (issue 13, item 4) against the production server and its job worker: an
// admin uploads a WordPress export, watches its progress, reads the report, and the
// imported post is on the site; a truncated file ends with the loader's error (without
// JavaScript: the page reloads itself); members are refused. Imports posts: a publishing
// spec. One import runs at a time on a site, so these tests run one after another.

test.describe.configure({ mode: 'serial' });

const FIXTURE = 'tests/fixtures/import/wxr/WordPress__wordpress-importer__small-export.xml';
/** The import's lock (lib/dal/imports.ts): held here, the import waits, and its progress can be seen at 0. */
const IMPORT_LOCK = "hashtext('quire:import')::bigint";

/**
 * The fixture as another site's export, so a rerun imports it anew and its old addresses
 * (links, /?p=<id>) are its own: the same ones, claimed first, would keep leading here
 * and not to the posts e2e/import-redirects.spec.ts imports.
 */
function uniqueExport(run: string): Buffer {
  const offset = (Date.now() % 1_000_000) * 1000;
  const xml = readFileSync(FIXTURE, 'utf8')
    .replace('<wp:base_site_url>http://localhost/</wp:base_site_url>', `<wp:base_site_url>http://${run}.example/</wp:base_site_url>`)
    .replace('<title>Top-level Foo</title>', `<title>Top-level Foo ${run}</title>`)
    .replaceAll('<link>http://localhost/', `<link>http://localhost/${run}/`)
    .replace(/<wp:post_id>(\d+)<\/wp:post_id>/g, (_, id: string) => `<wp:post_id>${offset + Number(id)}</wp:post_id>`);
  return Buffer.from(xml);
}

test('an admin uploads a WordPress export, sees its progress, then the report, and the post is on the site', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const run = `imp${Date.now().toString(36)}`;
  const admin = await createUser({ role: 'ADMIN' });
  await signInAs(page.context(), admin, baseURL ?? '');
  await page.goto('/admin');
  await page.getByRole('link', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import' })).toBeVisible();
  const violations = await scanWcag(page);
  expect(violations, formatViolations(violations)).toEqual([]);

  const lock: pg.PoolClient = await db().connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(${IMPORT_LOCK})`);
    await page.getByLabel('Export file').setInputFiles({ name: 'small-export.xml', mimeType: 'text/xml', buffer: uniqueExport(run) });
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await expect(page).toHaveURL(/\/admin\/import\/[a-z0-9]+$/);
    // The job has read the file and waits for the lock: "0 of n", and the bar.
    await expect(page.getByTestId('import-progress')).toHaveText(/^0 of \d+$/, { timeout: 20_000 });
    await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  } finally {
    await lock.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK})`);
    lock.release();
  }

  // The page polls, then shows the report without a reload.
  const report = page.getByTestId('import-report');
  await expect(report.getByRole('heading', { name: 'Imported.' })).toBeVisible({ timeout: 20_000 });
  await expect(report).toContainText('Read WXR');
  await expect(report).toContainText(/Created\s*\d+ authors?, .*\d+ posts/);
  await expect(report).toContainText('page: a page');
  const reportViolations = await scanWcag(page);
  expect(reportViolations, formatViolations(reportViolations)).toEqual([]);

  const { rows } = await db().query<{ slug: string }>("SELECT slug FROM posts WHERE title = $1 AND status = 'PUBLISHED'", [`Top-level Foo ${run}`]);
  expect(rows).toHaveLength(1);
  await page.goto(`/post/${rows[0]!.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: `Top-level Foo ${run}` })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a dry run: the page reloads itself while the import runs, then shows the report', async ({ page, baseURL }) => {
    test.setTimeout(60_000);
    const admin = await createUser({ role: 'ADMIN' });
    await signInAs(page.context(), admin, baseURL ?? '');
    await page.goto('/admin/import');
    const lock: pg.PoolClient = await db().connect();
    try {
      await lock.query(`SELECT pg_advisory_lock(${IMPORT_LOCK})`);
      await page.getByLabel('Export file').setInputFiles({ name: 'small-export.xml', mimeType: 'text/xml', buffer: uniqueExport(`dry${Date.now().toString(36)}`) });
      await page.getByLabel('Dry run').check();
      await page.getByRole('button', { name: 'Upload and import' }).click();
      await expect(page).toHaveURL(/\/admin\/import\/[a-z0-9]+$/);
      await expect(page.getByTestId('import-progress')).toHaveText(/^0 of \d+$/, { timeout: 20_000 });
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(${IMPORT_LOCK})`);
      lock.release();
    }
    await expect(page.getByRole('heading', { name: 'Dry run: nothing was written. An import would do this:' })).toBeVisible({ timeout: 20_000 });
  });

  test('a truncated export fails with the line that says where, and the page gets there by itself', async ({ page, baseURL }) => {
    test.setTimeout(60_000);
    const admin = await createUser({ role: 'ADMIN' });
    await signInAs(page.context(), admin, baseURL ?? '');
    await page.goto('/admin/import');
    const whole = readFileSync(FIXTURE, 'utf8');
    await page.getByLabel('Export file').setInputFiles({ name: 'cut.xml', mimeType: 'text/xml', buffer: Buffer.from(whole.slice(0, whole.length / 2)) });
    await page.getByLabel('Dry run').check();
    await page.getByRole('button', { name: 'Upload and import' }).click();
    await expect(page).toHaveURL(/\/admin\/import\/[a-z0-9]+$/);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('The import failed; nothing was written.', { timeout: 20_000 });
    await expect(alert).toContainText(/cut\.xml:\d+:\d+: /);
  });
});

test('members cannot open the page nor upload', async ({ page, baseURL, request }) => {
  const member = await createUser({ role: 'MEMBER' });
  await signInAs(page.context(), member, baseURL ?? '');
  const res = await page.goto('/admin/import');
  expect(res?.status()).toBe(403);
  const upload = await request.post('/api/admin/import', {
    headers: { cookie: await sessionCookieHeader(member) },
    multipart: { file: { name: 'x.xml', mimeType: 'text/xml', buffer: readFileSync(FIXTURE) } },
  });
  expect(upload.status()).toBe(403);
  expect(((await upload.json()) as { error: string }).error).toBe('Only admins import.');
});
