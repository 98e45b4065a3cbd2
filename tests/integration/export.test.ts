import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { ownDatabase } from './helpers/imports';
import { emptyDatabase, fillSite, PNG, runScript } from './helpers/export-site';

// Export → restore into a fresh empty database → the same site: every published post as its
// page shows it (title, markdown, author, terms, visible threads, counts), the listings, the
// settings, uploads, old addresses. The archive holds no password hash or OAuth token unless
// asked, and sessions never.

const dir = mkdtempSync(path.join(tmpdir(), 'quire-export-'));
const archive = path.join(dir, 'site.json');
let source: Awaited<ReturnType<typeof ownDatabase>>;
let target: Awaited<ReturnType<typeof emptyDatabase>>;
let a: pg.Pool;
let b: pg.Pool;

before(async () => {
  source = await ownDatabase();
  const { seed } = await import('../../scripts/db.mjs');
  await seed(source.url);
  target = await emptyDatabase();
  a = new pg.Pool({ connectionString: source.url, max: 2 });
  b = new pg.Pool({ connectionString: target.url, max: 2 });
  await fillSite(a);
});
after(async () => {
  await a.end();
  await b.end();
  await source.drop();
  await target.drop();
});

/** What readers see of a site, read the way the pages read it. */
async function publicView(db: pg.Pool) {
  const rows = async (sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows;
  const listing = await rows(
    `SELECT p.id, p.slug, p.title, p.excerpt, p.body, p.published_at, p.cover_image, p.cover_alt, p.seo_title, p.seo_description, p.reading_minutes,
            p.view_count, p.comment_count, p.like_count, u.name AS author, u.bio AS author_bio,
            (SELECT array_agg(c.slug || ':' || c.name ORDER BY c.slug) FROM post_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.post_id = p.id) AS categories,
            (SELECT array_agg(t.slug || ':' || t.name ORDER BY t.slug) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id) AS tags
       FROM posts p JOIN users u ON u.id = p.author_id
      WHERE p.status = 'PUBLISHED' AND p.deleted_at IS NULL AND p.published_at <= now()
      ORDER BY p.published_at DESC, p.id DESC`,
  );
  const threads = await rows(
    `SELECT c.id, c.post_id, c.parent_id, c.root_id, c.depth, c.body_html, c.like_count, c.created_at, u.name AS author
       FROM comments c JOIN users u ON u.id = c.author_id WHERE c.status = 'VISIBLE' ORDER BY c.post_id, c.created_at, c.id`,
  );
  const found = await rows(`SELECT id FROM posts WHERE search @@ plainto_tsquery('english', 'moved') ORDER BY id`);
  return {
    listing,
    threads,
    found,
    settings: await rows('SELECT key, value FROM settings ORDER BY key'),
    categories: await rows('SELECT slug, name, description FROM categories ORDER BY slug'),
    tags: await rows('SELECT slug, name FROM tags ORDER BY slug'),
    redirects: await rows('SELECT from_slug, post_id FROM post_redirects ORDER BY from_slug'),
    legacy: await rows('SELECT path, post_id FROM legacy_paths ORDER BY path'),
    media: await rows('SELECT m.path, m.mime_type, m.width, m.alt, b.data, b.sha256 FROM media m JOIN media_blobs b ON b.media_id = m.id ORDER BY m.path'),
  };
}

test('export, then restore into an empty site: readers see the same site', async () => {
  const exported = runScript('export', ['--out', archive], source.url);
  assert.equal(exported.status, 0, exported.stderr);
  assert.match(exported.stdout, /^Wrote .*site\.json: .*posts.* \(no password hashes\)/);
  assert.match(exported.stderr, /exporting posts \d+/);

  const restored = runScript('import', [archive, '--no-refresh'], target.url);
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stdout, /^Restored the Quire archive of /);

  const before = await publicView(a);
  const after = await publicView(b);
  assert.ok(before.listing.length >= 13, 'the seed and the filled post are published');
  assert.ok(before.threads.length === 3 && before.media.length === 1 && before.found.length > 0);
  assert.deepEqual(after, before);
  assert.deepEqual((after.media[0] as { data: Buffer }).data, PNG);
  const moved = after.listing.find((p) => p.slug === 'moving-day');
  assert.deepEqual([moved?.comment_count, moved?.like_count, moved?.view_count], [3, 2, 42]);
});

test('drafts, scheduled and trashed posts, revisions, held and hidden comments come back too', async () => {
  const all = 'SELECT id, slug, status, published_at, deleted_at, created_at, updated_at, version FROM posts ORDER BY id';
  assert.deepEqual((await b.query(all)).rows, (await a.query(all)).rows);
  const comments = 'SELECT id, status, body, depth FROM comments ORDER BY id';
  assert.deepEqual((await b.query(comments)).rows, (await a.query(comments)).rows);
  const revisions = 'SELECT id, post_id, title, body, created_at FROM post_revisions ORDER BY id';
  assert.equal((await b.query(revisions)).rowCount, 2);
  assert.deepEqual((await b.query(revisions)).rows, (await a.query(revisions)).rows);
});

test('no password hashes, OAuth tokens or sessions unless asked; the provider link stays', async () => {
  const text = readFileSync(archive, 'utf8');
  assert.doesNotMatch(text, /argon2id|secret-access|secret-refresh|secret-session|password_hash/);
  const user = await b.query<{ password_hash: string | null; email: string }>("SELECT password_hash, email FROM users WHERE id = 'xwriter'");
  assert.deepEqual(user.rows[0], { password_hash: null, email: 'writer@example.test' });
  const account = await b.query("SELECT provider, provider_account_id, access_token, refresh_token FROM accounts WHERE id = 'xacct'");
  assert.deepEqual(account.rows[0], { provider: 'oidc', provider_account_id: 'sub-1', access_token: null, refresh_token: null });
  assert.equal((await b.query('SELECT 1 FROM sessions')).rowCount, 0);

  const withHashes = path.join(dir, 'with-hashes.json');
  const run = runScript('export', ['--out', withHashes, '--with-password-hashes'], source.url);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /with password hashes/);
  const users = (JSON.parse(readFileSync(withHashes, 'utf8')) as { tables: { users: { id: string; password_hash?: string }[] } }).tables.users;
  assert.equal(users.find((u) => u.id === 'xwriter')?.password_hash, '$argon2id$v=19$m=19456,t=2,p=1$fake');
});

test('the /admin download: the same archive for an admin, nothing for anyone else', async () => {
  const { exportSiteStream } = await import('../../lib/dal/export');
  const { parseArchive } = await import('../../lib/export/archive');
  const editor = { id: 'xwriter', role: 'EDITOR' as const, banned: false };
  assert.equal(exportSiteStream(null), null);
  assert.equal(exportSiteStream(editor), null);
  assert.equal(exportSiteStream({ ...editor, role: 'ADMIN', banned: true }), null);
  const stream = exportSiteStream({ ...editor, role: 'ADMIN' });
  assert.ok(stream);
  const text = await new Response(stream).text();
  const downloaded = parseArchive('download.json', text);
  assert.equal(downloaded.header.passwordHashes, false);
  assert.doesNotMatch(text, /argon2id|secret-access/);
  const fromCli = parseArchive('site.json', readFileSync(archive, 'utf8'));
  assert.deepEqual(downloaded.tables.posts, fromCli.tables.posts);
  assert.deepEqual(downloaded.tables.media_blobs, fromCli.tables.media_blobs);
});

test('a table longer than a page comes out whole, each row once (keyset pages, uploads ten at a time)', async () => {
  await a.query(`INSERT INTO comments (id, post_id, author_id, depth, body, body_html, status)
    SELECT 'xbulk' || g, 'xpost', 'xreader', g % 3, 'bulk', '<p>bulk</p>', 'VISIBLE' FROM generate_series(1, 1100) g`);
  await a.query(`INSERT INTO media (id, path, mime_type, width, height, bytes, uploader_id)
    SELECT 'xm' || g, '/uploads/bulk-' || g || '.png', 'image/png', 1, 1, 3, 'xwriter' FROM generate_series(1, 25) g`);
  await a.query(`INSERT INTO media_blobs (media_id, data, content_type, size, sha256) SELECT 'xm' || g, '\\x010203'::bytea, 'image/png', 3, 'x' FROM generate_series(1, 25) g`);
  const { exportSiteStream } = await import('../../lib/dal/export');
  const { parseArchive } = await import('../../lib/export/archive');
  const stream = exportSiteStream({ id: 'x', role: 'ADMIN', banned: false });
  assert.ok(stream);
  const { tables } = parseArchive('big.json', await new Response(stream).text());
  const ids = (name: string, key: string) => tables[name]!.map((r) => String(r[key]));
  const inDb = async (sql: string) => (await a.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();
  assert.deepEqual([...ids('comments', 'id')].sort(), await inDb('SELECT id FROM comments'));
  assert.equal(new Set(ids('comments', 'id')).size, tables.comments!.length);
  assert.deepEqual([...ids('media_blobs', 'media_id')].sort(), await inDb('SELECT media_id AS id FROM media_blobs'));
  assert.equal(tables.media_blobs!.find((r) => r.media_id === 'xm7')?.data, Buffer.from([1, 2, 3]).toString('base64'));
  // Every parent before its replies: the order a restore inserts them in.
  const depths = tables.comments!.map((r) => Number(r.depth));
  assert.deepEqual(depths, [...depths].sort((x, y) => x - y));
});
