import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { runScript } from './helpers/export-site';
import { scratchDatabase } from './helpers/scratch-database';

// `npm run import -- <folder>`: a Jekyll or Hugo folder's local images go to the media store
// as the first admin's uploads, and the posts link to them (as an upload of a .zip on
// /admin/import does: tests/integration/import-runs.test.ts).

let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
let db: pg.Pool;
let dir: string;

before(async () => {
  scratch = await scratchDatabase('folder');
  db = new pg.Pool({ connectionString: scratch.url });
  dir = await mkdtemp(path.join(tmpdir(), 'quire-folder-'));
});

after(async () => {
  await db.end();
  await scratch.drop();
  await rm(dir, { recursive: true, force: true });
});

test('a folder\'s local images are uploaded as the first admin\'s and linked; a rerun uploads nothing', async () => {
  const admin = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Ada', 'ADMIN', now())`, [admin, `${admin}@example.test`]);
  const sharp = (await import('sharp')).default;
  const bundle = path.join(dir, 'content', 'post', 'with-a-picture');
  await mkdir(bundle, { recursive: true });
  await writeFile(path.join(bundle, 'pic.png'), await sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer());
  await writeFile(path.join(bundle, 'index.md'), ['---', 'title: "With a picture"', 'date: 2020-05-01', '---', 'See ![a red square](pic.png).', ''].join('\n'));

  const first = runScript('import', [dir, '--no-refresh'], scratch.url);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /1 local images uploaded to the media store \(0 stored before\)/);
  const { rows } = await db.query<{ body: string }>("SELECT body FROM posts WHERE title = 'With a picture'");
  const upload = /\/uploads\/([0-9a-f]{32}\.png)/.exec(rows[0]?.body ?? '')?.[1];
  assert.ok(upload, rows[0]?.body);
  const media = await db.query<{ uploader_id: string }>('SELECT uploader_id FROM media WHERE path = $1', [upload]);
  assert.deepEqual(media.rows.map((r) => r.uploader_id), [admin]);

  const second = runScript('import', [dir, '--no-refresh'], scratch.url);
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stdout, /0 local images uploaded to the media store \(1 stored before\)/);
  assert.equal(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM media')).rows[0]?.n), 1);
});
