import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { autoExcerpt } from '../../lib/excerpt';
import { pool } from './helpers/fixtures';
import { importPath, ownDatabase } from './helpers/imports';

// An import of a generated WordPress export (bench/import-wxr.mjs: threads, held comments,
// one commenter per comment up to 5,000) through the batched writer: what the per-row triggers and
// counters keep must come out exactly as one-at-a-time writes would leave it.

const POSTS = 300;
const COMMENTS = 3000;
const COMMENTERS = Math.min(COMMENTS, 5000); // the generator's "Reader n", one per comment up to 5,000
let db: pg.Pool;
let own: Awaited<ReturnType<typeof ownDatabase>>;
let dir: string;
let file: string;

before(async () => {
  own = await ownDatabase();
  db = pool();
  dir = mkdtempSync(path.join(os.tmpdir(), 'quire-import-scale-'));
  file = path.join(dir, 'bench.wxr.xml');
  const made = spawnSync(process.execPath, ['bench/import-wxr.mjs', '--posts', String(POSTS), '--comments', String(COMMENTS), '--out', file], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
});
after(async () => {
  await db.end();
  await own.drop();
  rmSync(dir, { recursive: true, force: true });
});

const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0]?.n);

test('counters, search documents, excerpts and day rollups agree with the rows after a large import', async () => {
  const report = await importPath(file);
  assert.equal(report.created.posts, POSTS);
  assert.equal(report.created.comments, COMMENTS);
  assert.equal(report.created.commenters, COMMENTERS);
  assert.equal(report.created.redirects, 2 * POSTS);
  assert.equal(await count('SELECT count(*) AS n FROM post_revisions'), POSTS);

  // posts.comment_count is what readers see: the visible comments, none more.
  assert.equal(await count(`SELECT count(*) AS n FROM posts p WHERE comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.status = 'VISIBLE')`), 0);
  assert.equal(await count(`SELECT sum(comment_count) AS n FROM posts`), COMMENTS - COMMENTS / 50);
  assert.equal(await count(`SELECT sum(visible) AS n FROM site_comment_days`), COMMENTS - COMMENTS / 50);
  assert.equal(await count(`SELECT sum(held) AS n FROM site_comment_days`), COMMENTS / 50);

  // The search documents are the triggers' own, tags included, once the triggers are back.
  assert.equal(await count(`SELECT count(*) AS n FROM posts WHERE search IS NULL OR title_search IS NULL`), 0);
  assert.equal(
    await count(`SELECT count(*) AS n FROM posts WHERE search::text <> quire_post_search_vector(title, excerpt, body, id)::text OR title_search::text <> to_tsvector('english'::regconfig, title)::text`),
    0,
  );
  assert.equal(await count(`SELECT count(*) AS n FROM posts WHERE search @@ plainto_tsquery('english', 'tag 7')`), POSTS / 100);
  await db.query(`UPDATE posts SET title = 'Renamed zebra' WHERE slug = 'bench-post-1'`);
  assert.equal(await count(`SELECT count(*) AS n FROM posts WHERE title_search @@ plainto_tsquery('english', 'zebra')`), 1);

  const posts = await db.query<{ body: string; excerpt: string }>('SELECT body, excerpt FROM posts');
  for (const p of posts.rows) assert.equal(p.excerpt, autoExcerpt(p.body));
});

test('a second run changes nothing; the same export as another source takes the next free addresses', async () => {
  const visibleBefore = await count(`SELECT sum(comment_count) AS n FROM posts`);
  const again = await importPath(file);
  assert.equal(again.unchanged.posts, POSTS);
  assert.equal(again.unchanged.comments, COMMENTS);
  assert.equal(again.created.comments, 0);
  assert.equal(await count(`SELECT sum(comment_count) AS n FROM posts`), visibleBefore);

  const other = await importPath(file, { source: 'copy' });
  assert.equal(other.created.posts, POSTS);
  assert.equal(other.matched.commenters, COMMENTERS);
  assert.equal(other.created.redirects, 0);
  assert.equal(other.notes.filter((n) => n.includes('already leads to another post')).length, 2 * POSTS);
  assert.equal(await count(`SELECT count(*) AS n FROM posts WHERE slug = 'bench-post-2-2'`), 1);
  assert.equal(await count(`SELECT count(*) AS n FROM posts p WHERE comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.status = 'VISIBLE')`), 0);
});
