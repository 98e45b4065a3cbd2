import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { ownDatabase, tableCounts } from './helpers/imports';
import { emptyDatabase, fillSite, runScript, type Run } from './helpers/export-site';

// A Quire archive goes into an empty site whole or not at all: a site with content, a cut or
// edited archive, or rows that do not fit get one clear error line and change nothing.

const dir = mkdtempSync(path.join(tmpdir(), 'quire-export-errors-'));
const archive = path.join(dir, 'site.json');
let source: Awaited<ReturnType<typeof ownDatabase>>;
let target: Awaited<ReturnType<typeof emptyDatabase>>;
let a: pg.Pool;
let b: pg.Pool;
let text: string;

before(async () => {
  source = await ownDatabase();
  const { seed } = await import('../../scripts/db.mjs');
  await seed(source.url);
  target = await emptyDatabase();
  a = new pg.Pool({ connectionString: source.url, max: 2 });
  b = new pg.Pool({ connectionString: target.url, max: 2 });
  await fillSite(a);
  const run = runScript('export', ['--out', archive], source.url);
  assert.equal(run.status, 0, run.stderr);
  text = readFileSync(archive, 'utf8');
});
after(async () => {
  await a.end();
  await b.end();
  await source.drop();
  await target.drop();
});

/** The one error line of a failed run (and no stack trace). */
function errorLine(run: Run): string {
  assert.equal(run.status, 1, run.stdout);
  const lines = run.stderr.split('\n').filter((l) => l.startsWith('error:'));
  assert.equal(lines.length, 1, run.stderr);
  assert.doesNotMatch(run.stderr, /^\s+at /m);
  return lines[0]!;
}

function variant(name: string, content: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
}

const empty = { posts: 0, comments: 0, users: 0, categories: 0, tags: 0, post_tags: 0, post_categories: 0, post_revisions: 0, import_sources: 0, legacy_paths: 0 };

test('a site that has content refuses the archive and stays as it was', async () => {
  const counts = await tableCounts(a);
  const line = errorLine(runScript('import', [archive, '--no-refresh'], source.url));
  assert.match(line, /this site is not empty \(it has users, posts, comments, categories, tags, media\).*npm run db:migrate/);
  assert.deepEqual(await tableCounts(a), counts);
});

test('a truncated archive is refused before anything is written, naming where it ends', async () => {
  const file = variant('cut.json', text.slice(0, Math.floor(text.length / 2)));
  const line = errorLine(runScript('import', [file, '--no-refresh'], target.url));
  assert.match(line, /cut\.json:\d+:\d+: malformed JSON: .*/);
  assert.deepEqual(await tableCounts(b), empty);
});

test('an archive with a row taken out does not match its counts', async () => {
  const doc = JSON.parse(text) as { tables: { posts: unknown[] } };
  doc.tables.posts.pop();
  const line = errorLine(runScript('import', [variant('edited.json', JSON.stringify(doc)), '--no-refresh'], target.url));
  assert.match(line, /edited\.json at \$\.tables\.posts: \d+ rows where the archive counts \d+ \(cut or edited\?\)/);
  assert.deepEqual(await tableCounts(b), empty);
});

test('a row that cannot be restored rolls back every row before it', async () => {
  const doc = JSON.parse(text) as { tables: { comments: { post_id: string }[] } };
  doc.tables.comments[0]!.post_id = 'no-such-post';
  const line = errorLine(runScript('import', [variant('broken.json', JSON.stringify(doc)), '--no-refresh'], target.url));
  assert.match(line, /broken\.json at \$\.tables\.comments\[0…\]: cannot be restored: .*foreign key/);
  // Users, posts and terms were written before the comments: none is left.
  assert.deepEqual(await tableCounts(b), empty);
});

test('--dry-run and an archive of another version are refused with a reason', async () => {
  assert.match(errorLine(runScript('import', [archive, '--dry-run'], target.url)), /--dry-run: a Quire archive is restored whole/);
  const other = variant('v2.json', text.replace('"version":1', '"version":2'));
  assert.match(errorLine(runScript('import', [other, '--no-refresh'], target.url)), /v2\.json at \$\.version: an archive of another version/);
  assert.deepEqual(await tableCounts(b), empty);
});
