import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { pool } from './helpers/fixtures';
import { fixture, importPath, ownDatabase, tableCounts, target } from './helpers/imports';

// What goes wrong: a truncated or malformed file fails with one line naming the problem and
// where, and the database is as it was; a failure halfway through writing rolls back all;
// a dry run writes nothing; a record changed in the export updates its post, unless the
// post was edited here since.

const SMALL = 'wxr/WordPress__wordpress-importer__small-export.xml';
let db: pg.Pool;
let own: Awaited<ReturnType<typeof ownDatabase>>;
const dir = mkdtempSync(path.join(tmpdir(), 'quire-import-'));

before(async () => {
  own = await ownDatabase();
  db = pool();
});
after(async () => {
  await db.end();
  await own.drop();
});

function copy(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

type Run = { code: number; stdout: string; stderr: string };
function cli(args: string[], env: Record<string, string> = {}, script = 'scripts/import.mjs'): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [script, ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test('without DATABASE_URL, import and export say so in one line and exit 2, before reading anything', async () => {
  for (const script of ['scripts/import.mjs', 'scripts/export.mjs']) {
    const run = await cli([fixture(SMALL)], { DATABASE_URL: '' }, script);
    assert.equal(run.code, 2, `${script}: ${run.stderr}`);
    assert.equal(run.stderr.trim(), "error: DATABASE_URL is not set: point it at the site's database (environment or .env)", script);
  }
});

test('a truncated WXR: one error line with the line and column where it ends, exit 1, database unchanged', async () => {
  const whole = readFileSync(fixture(SMALL), 'utf8');
  const file = copy('truncated.xml', whole.slice(0, Math.floor(whole.length / 2)));
  const before = await tableCounts(db);
  const run = await cli([file]);
  assert.equal(run.code, 1);
  const lines = run.stderr.trim().split('\n');
  assert.equal(lines.length, 1, run.stderr);
  assert.match(lines[0] ?? '', /^error: .*truncated\.xml:\d+:\d+: malformed XML: the file ends with <rss> <channel> .* still open \(truncated\?\)$/);
  assert.deepEqual(await tableCounts(db), before);
});

test('malformed JSON and front matter name the place; a Ghost file of the wrong shape names the JSON path', async () => {
  const ghost = readFileSync(fixture('ghost/TryGhost__Ghost__v3_export.json'), 'utf8');
  await assert.rejects(importPath(copy('cut.json', ghost.slice(0, 5000))), /cut\.json:\d+:\d+: malformed JSON/);
  const wrong = JSON.parse(ghost) as { db: { data: { posts: unknown } }[] };
  wrong.db[0]!.data.posts = 'none';
  await assert.rejects(importPath(copy('wrong.json', JSON.stringify(wrong))), /wrong\.json at \$\.db\[0\]\.data\.posts: /);
  await assert.rejects(importPath(copy('bad.md', '---\ntitle: "open\ndate: 2020-01-01\n---\nBody\n')), /bad\.md:\d+:\d+: malformed YAML front matter/);
  await assert.rejects(importPath(copy('bad-toml.md', '+++\ntitle = \n+++\nBody\n')), /bad-toml\.md:\d+:\d+: malformed TOML front matter/);
});

test('a failure halfway through writing leaves nothing behind (one transaction)', async () => {
  const { loadExports } = await import('../../lib/import/load');
  const { importBundles } = await import('../../lib/dal/imports');
  const { bundles } = await loadExports(fixture(SMALL), { pages: 'skip', source: 'halfway' });
  const last = bundles[0]!.comments.at(-1)!;
  // A date PostgreSQL refuses, on the very last record.
  last.createdAt = new Date(Number.NaN);
  const before = await tableCounts(db);
  await assert.rejects(importBundles(bundles));
  assert.deepEqual(await tableCounts(db), before);
});

test('--dry-run reports what it would do and writes nothing; progress goes to stderr as n/total lines', async () => {
  const before = await tableCounts(db);
  const run = await cli([fixture(SMALL), '--dry-run', '--source', 'dry']);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^Dry run: nothing was written/);
  assert.match(run.stdout, /created: .*6 posts/);
  assert.match(run.stdout, /5 × page: a page/);
  assert.match(run.stderr, /importing \d+\/\d+\n[\s\S]*importing (\d+)\/\1\n$/);
  assert.deepEqual(await tableCounts(db), before);
});

test('a post changed in a newer export is updated (with a revision); one edited here since is left alone', async () => {
  const original = readFileSync(fixture(SMALL), 'utf8');
  await importPath(copy('v1.xml', original), { source: 'edits' });
  const id = await target(db, 'wxr:edits', 'post', '1');
  const changed = original.replace('Welcome to WordPress. This is your first post.', 'Welcome to the new site.');
  const second = await importPath(copy('v2.xml', changed), { source: 'edits' });
  assert.equal(second.updated.posts, 1);
  assert.equal(second.created.posts, 0);
  const { rows } = await db.query<{ body: string; revisions: string }>('SELECT body, (SELECT count(*) FROM post_revisions r WHERE r.post_id = p.id) AS revisions FROM posts p WHERE id = $1', [id]);
  assert.match(rows[0]?.body ?? '', /^Welcome to the new site\./);
  assert.equal(Number(rows[0]?.revisions), 2);

  // Someone edits it here (the editor bumps the version); the next export's change is not applied over it.
  await db.query("UPDATE posts SET body = 'Edited on Quire.', version = version + 1 WHERE id = $1", [id]);
  const third = await importPath(copy('v3.xml', changed.replace('Welcome to the new site.', 'Third version.')), { source: 'edits' });
  assert.equal(third.updated.posts, 0);
  assert.ok(third.skipped.some((s) => s.sourceId === '1' && /edited on this site/.test(s.reason)));
  assert.equal((await db.query<{ body: string }>('SELECT body FROM posts WHERE id = $1', [id])).rows[0]?.body, 'Edited on Quire.');
});
