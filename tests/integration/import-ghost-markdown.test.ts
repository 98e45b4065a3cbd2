import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { pool } from './helpers/fixtures';
import { fixture, importPath, ownDatabase, tableCounts, target } from './helpers/imports';

// Ghost JSON (3 and 4) and Jekyll/Hugo Markdown (YAML and TOML front matter) into a real
// PostgreSQL: posts, pages, members-only content, tags, authors, dates, old addresses.

const GHOST = 'ghost:Testing Export Fixtures';
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

test('Ghost 4: posts with their tag and author, pages skipped, paid content kept as a draft', async () => {
  const report = await importPath(fixture('ghost/TryGhost__Ghost__v4_export.json'));
  assert.equal(report.created.posts, 7);
  assert.equal(report.skipped.filter((s) => s.kind === 'page').length, 4);

  const id = await target(db, GHOST, 'post', '605ac141a2d5a6aa9e101ebd');
  const { rows } = await db.query<{ slug: string; status: string; published_at: Date; body: string; excerpt: string; name: string; email: string; tags: string[] }>(
    `SELECT p.slug, p.status, p.published_at, p.body, p.excerpt, u.name, u.email,
            array(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id) AS tags
       FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
    [id],
  );
  const post = rows[0];
  assert.ok(post);
  assert.equal(post.slug, 'integrations');
  assert.equal(post.status, 'PUBLISHED');
  assert.equal(post.published_at.toISOString(), '2021-03-24T04:34:09.000Z');
  assert.deepEqual([post.name, post.email], ['Ghost', 'ghost-author@example.com']);
  assert.deepEqual(post.tags, ['Getting Started']);
  assert.match(post.excerpt, /^Work with all your favorite apps/);
  assert.doesNotMatch(post.body, /<p>|<h2/);

  const paid = await db.query<{ status: string; published_at: Date | null }>('SELECT status, published_at FROM posts WHERE id = $1', [await target(db, GHOST, 'post', '605ac141a2d5a6aa9e101ec1')]);
  assert.deepEqual(paid.rows[0], { status: 'DRAFT', published_at: null });
  assert.ok(report.notes.some((n) => /"paid" visibility on Ghost: imported as a draft/.test(n)));

  const paths = await db.query<{ path: string }>('SELECT path FROM legacy_paths WHERE post_id = $1', [id]);
  assert.deepEqual(paths.rows.map((r) => r.path), ['/integrations']);
});

test('Ghost 3 of another site: seven published posts; again: nothing created', async () => {
  const first = await importPath(fixture('ghost/TryGhost__Ghost__v3_export.json'), { source: 'v3' });
  assert.equal(first.created.posts, 7);
  // Same slugs as the Ghost 4 site's posts: the importer takes the next free address.
  const slugs = await db.query<{ slug: string }>("SELECT p.slug FROM posts p JOIN import_sources s ON s.target_id = p.id AND s.source = 'ghost:v3' AND s.kind = 'post' ORDER BY 1");
  assert.ok(slugs.rows.some((r) => /-2$/.test(r.slug)), JSON.stringify(slugs.rows));
  const counts = await tableCounts(db);
  const again = await importPath(fixture('ghost/TryGhost__Ghost__v3_export.json'), { source: 'v3' });
  assert.equal(again.created.posts, 0);
  assert.equal(again.unchanged.posts, 7);
  assert.deepEqual(await tableCounts(db), counts);
});

test('Jekyll and Hugo: YAML and TOML front matter, dates with offsets, categories, tags, aliases', async () => {
  const report = await importPath(fixture('markdown'));
  assert.equal(report.created.posts, 4);
  const read = async (name: string) => {
    const { rows } = await db.query<{ title: string; slug: string; status: string; published_at: Date; author: string; body: string; tags: string[]; categories: string[]; paths: string[] }>(
      `SELECT p.title, p.slug, p.status, p.published_at, u.name AS author, p.body,
              array(SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = p.id ORDER BY 1) AS tags,
              array(SELECT c.name FROM post_categories pc JOIN categories c ON c.id = pc.category_id WHERE pc.post_id = p.id ORDER BY 1) AS categories,
              array(SELECT l.path FROM legacy_paths l WHERE l.post_id = p.id ORDER BY 1) AS paths
         FROM posts p JOIN users u ON u.id = p.author_id WHERE p.id = $1`,
      [await target(db, 'markdown', 'post', name)],
    );
    assert.ok(rows[0]);
    return rows[0];
  };
  const hugo = await read('gohugoio__hugoBasicExample__markdown-syntax.md');
  assert.equal(hugo.title, 'Markdown Syntax Guide');
  assert.equal(hugo.published_at.toISOString(), '2019-03-11T00:00:00.000Z');
  assert.equal(hugo.author, 'Hugo Authors');
  assert.deepEqual(hugo.tags, ['css', 'html', 'markdown']);
  assert.deepEqual(hugo.categories, ['syntax', 'themes']);
  assert.deepEqual(hugo.paths, ['/migrate-from-jekyl']);
  assert.doesNotMatch(hugo.body, /<!--more-->/);

  const jekyll = await read('jekyll__jekyll__2017-10-19-diversity-open-source.markdown');
  assert.equal(jekyll.slug, 'diversity-open-source');
  assert.equal(jekyll.status, 'PUBLISHED');
  // "2017-10-19 21:33:00 +0200" in its front matter.
  assert.equal(jekyll.published_at.toISOString(), '2017-10-19T19:33:00.000Z');
  assert.deepEqual(jekyll.categories, ['community']);
  assert.deepEqual(jekyll.paths, ['/community/2017/10/19/diversity-open-source.html']);
});
