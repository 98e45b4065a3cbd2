import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { parseWxr } from '../../lib/import/wxr';
import { ownDatabase } from './helpers/imports';
import { fillSite, runScript } from './helpers/export-site';

// WXR out, read back by Quire's own WordPress importer (lib/import/wxr.ts, which reads real
// WordPress exports): the best local stand-in for WordPress's importer. The same posts with
// their statuses, terms, authors and comment threads; the trash stays behind.

const file = path.join(mkdtempSync(path.join(tmpdir(), 'quire-wxr-')), 'site.xml');
let source: Awaited<ReturnType<typeof ownDatabase>>;
let a: pg.Pool;
let bundle: ReturnType<typeof parseWxr>;

before(async () => {
  source = await ownDatabase();
  const { seed } = await import('../../scripts/db.mjs');
  await seed(source.url);
  a = new pg.Pool({ connectionString: source.url, max: 2 });
  await fillSite(a);
  const run = runScript('export', ['--format', 'wxr', '--out', file], source.url);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Wrote .*site\.xml: \d+ authors, \d+ categories, \d+ tags, \d+ posts, 5 comments/);
  bundle = parseWxr('site.xml', readFileSync(file, 'utf8'));
});
after(async () => {
  await a.end();
  await source.drop();
});

test('every post but the trash, with its status, date, author and terms', async () => {
  const { rows } = await a.query<{ slug: string; title: string; status: string; published_at: Date | null; author: string; categories: string[]; tags: string[] }>(
    `SELECT p.slug, p.title, p.status, p.published_at, u.name AS author,
            coalesce((SELECT array_agg(c.slug ORDER BY c.slug) FROM post_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.post_id = p.id), '{}') AS categories,
            coalesce((SELECT array_agg(t.name ORDER BY t.name) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id), '{}') AS tags
       FROM posts p JOIN users u ON u.id = p.author_id WHERE p.deleted_at IS NULL ORDER BY p.slug`,
  );
  const authors = new Map(bundle.authors.map((x) => [x.sourceId, x.name]));
  const read = bundle.posts
    .map((p) => ({
      slug: p.slug,
      title: p.title,
      status: p.status,
      // WordPress dates have whole seconds.
      published_at: p.publishedAt,
      author: authors.get(p.authorRef ?? ''),
      categories: [...p.categoryRefs].sort(),
      tags: [...p.tags].sort(),
    }))
    .sort((x, y) => x.slug.localeCompare(y.slug));
  const expected = rows.map((r) => ({ ...r, published_at: r.published_at && new Date(Math.floor(r.published_at.getTime() / 1000) * 1000) }));
  assert.deepEqual(read, expected);
  assert.ok(!read.some((p) => p.slug === 'thrown-away'));
  assert.deepEqual(read.find((p) => p.slug === 'half-done')?.status, 'DRAFT');
  assert.deepEqual(read.find((p) => p.slug === 'coming-soon')?.status, 'SCHEDULED');
  const category = bundle.categories.find((c) => c.slug === 'field-notes');
  assert.deepEqual([category?.name, category?.description], ['Field notes', 'From the field']);
});

test('the markdown comes back, images with absolute addresses', () => {
  const moved = bundle.posts.find((p) => p.slug === 'moving-day');
  assert.match(moved?.body ?? '', /A \*\*moved\*\* post\./);
  assert.match(moved?.body ?? '', /!\[A pixel\]\(http:\/\/localhost:3000\/uploads\/pixel\.png\)/);
  assert.match(moved?.body ?? '', /^[-*]\s+one$/m);
  assert.equal(moved?.excerpt, 'We moved.');
});

test('comment threads keep their shape; held comments stay held, hidden ones stay out', () => {
  const moved = bundle.posts.find((p) => p.slug === 'moving-day');
  const comments = bundle.comments.filter((c) => 'postRef' in c.target && c.target.postRef === moved?.sourceId);
  const bodyOf = new Map(comments.map((c) => [c.sourceId, c.body]));
  const shape = comments.map((c) => [c.body, c.parentRef ? bodyOf.get(c.parentRef) : null, c.status, c.authorName]);
  assert.deepEqual(shape, [
    ['First comment', null, 'VISIBLE', 'Ria Reader'],
    ['Waiting for a moderator', null, 'HELD', 'Ria Reader'],
    ['A reply', 'First comment', 'VISIBLE', 'Wren Writer'],
    ['A reply to the reply', 'A reply', 'VISIBLE', 'Ria Reader'],
  ]);
  // Hidden by a moderator: WordPress gets it in its trash, which its importer (and ours) leaves out.
  assert.deepEqual(bundle.skipped.filter((s) => s.kind === 'comment').map((s) => s.reason), ['status "trash"']);
});
