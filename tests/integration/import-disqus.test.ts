import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { fixture, importPath, ownDatabase, tableCounts, target } from './helpers/imports';

// Disqus comments go on this site's posts whose address matches the thread's URL (a post at
// /post/<slug>, or an imported post's old address); deleted and spam ones are skipped.

const SOURCE = 'disqus:gyk001-gh';
let db: pg.Pool;
let own: Awaited<ReturnType<typeof ownDatabase>>;

before(async () => {
  own = await ownDatabase();
  db = pool();
});
after(async () => {
  await db.end();
  await own.drop();
});

test('a real Disqus export: comments matched to posts by URL, replies threaded, deleted ones skipped', async () => {
  const author = await createAuthor(db);
  const mac = await createPost(db, author, { slug: 'mac-soft-and-config' });
  const brew = await createPost(db, author, { slug: 'homebrew-on-mac-osx-mavericks' });
  const report = await importPath(fixture('disqus/gyk001__disqus2duoshuo__disqus.xml'));
  assert.equal(report.created.comments, 6);
  assert.equal(report.skipped.filter((s) => s.reason === 'deleted on Disqus').length, 17);

  const { rows } = await db.query<{ post_id: string; parent_id: string | null; depth: number; created_at: Date; status: string }>(
    "SELECT c.post_id, c.parent_id, c.depth, c.created_at, c.status FROM comments c JOIN import_sources s ON s.target_id = c.id AND s.kind = 'comment' AND s.source = $1",
    [SOURCE],
  );
  assert.equal(rows.length, 6);
  assert.deepEqual(new Set(rows.map((r) => r.post_id)), new Set([mac.id, brew.id]));
  assert.equal(rows.filter((r) => r.parent_id !== null).length, 3);
  assert.ok(rows.every((r) => r.status === 'VISIBLE'));
  const counts = await db.query<{ id: string; comment_count: number }>('SELECT id, comment_count FROM posts WHERE id = ANY($1)', [[mac.id, brew.id]]);
  for (const post of counts.rows) assert.equal(post.comment_count, rows.filter((r) => r.post_id === post.id).length);

  const first = await db.query<{ created_at: Date; body: string; name: string }>(
    'SELECT c.created_at, c.body, u.name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = $1',
    [await target(db, SOURCE, 'comment', '959466055')],
  );
  assert.equal(first.rows[0]?.created_at.toISOString(), '2013-07-12T05:09:03.000Z');
  assert.equal(first.rows[0]?.body, 'macvim在10.9下可以使用吗');
  assert.equal(first.rows[0]?.name, 'Guest');

  const before = await tableCounts(db);
  const again = await importPath(fixture('disqus/gyk001__disqus2duoshuo__disqus.xml'));
  assert.equal(again.created.comments, 0);
  assert.equal(again.unchanged.comments, 6);
  assert.deepEqual(await tableCounts(db), before);
});

test('a thread whose URL matches no post here is reported, not guessed', async () => {
  const report = await importPath(fixture('disqus/isso-comments__isso__disqus.xml'));
  assert.equal(report.created.comments, 0);
  assert.ok(report.skipped.some((s) => s.reason === 'its thread is not in the export'));
  assert.ok(report.skipped.some((s) => s.reason === 'no post on this site has the address http://example.org/'));
});

test('a mapping file sends a thread to a post whose address it never was; a bad one is refused with its JSON path', async () => {
  const author = await createAuthor(db);
  const hello = await createPost(db, author, { slug: 'hello-world-from-isso' });
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-map-'));
  const map = path.join(dir, 'urls.json');
  writeFileSync(map, JSON.stringify({ 'http://example.org/': 'hello-world-from-isso' }));
  const { loadExports } = await import('../../lib/import/load');
  const { importBundles } = await import('../../lib/dal/imports');
  const { bundles } = await loadExports(fixture('disqus/isso-comments__isso__disqus.xml'), { pages: 'skip', map });
  const report = await importBundles(bundles);
  // 4, its reply 5, and 11, a reply to the deleted 9: a top-level comment now (8 is another thread's).
  assert.equal(report.created.comments, 3);
  assert.ok(report.notes.some((n) => n.startsWith('comment 11 by user: its parent was not imported')));
  const { rows } = await db.query<{ n: string; replies: string }>('SELECT count(*) AS n, count(parent_id) AS replies FROM comments WHERE post_id = $1', [hello.id]);
  assert.deepEqual([Number(rows[0]?.n), Number(rows[0]?.replies)], [3, 1]);

  writeFileSync(map, JSON.stringify({ 'http://example.org/': 'Not A Slug!' }));
  await assert.rejects(loadExports(fixture('disqus/isso-comments__isso__disqus.xml'), { pages: 'skip', map }), /urls\.json at \$\["http:\/\/example\.org\/"\]: /);
});
