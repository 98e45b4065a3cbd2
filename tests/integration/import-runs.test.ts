import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { pool } from './helpers/fixtures';
import { fixture, ownDatabase, tableCounts } from './helpers/imports';
import { makeZip } from './helpers/zip';

// /admin/import's service on a real PostgreSQL: the upload route's handler (as the route
// calls it, with a real multipart body), the run and its file stored, the import_run job
// run by graphile-worker with the app's task code, then the run's row: progress, report,
// error. A bad file fails with the loaders' line and writes nothing; one import at a time;
// admins only; uploads and unpacked zips are size-limited.

const SMALL = 'wxr/WordPress__wordpress-importer__small-export.xml';
let db: pg.Pool;
let own: Awaited<ReturnType<typeof ownDatabase>>;
let upload: typeof import('../../lib/import/upload-request');
const refreshed: unknown[] = [];

before(async () => {
  own = await ownDatabase();
  // lib/env.ts reads these once: small limits, so the 413 and the zip bomb need little memory.
  process.env.IMPORT_MAX_MB = '1';
  process.env.IMPORT_MAX_UNZIPPED_MB = '1';
  upload = await import('../../lib/import/upload-request');
  db = pool();
});
after(async () => {
  const { db: prisma } = await import('../../lib/db');
  await prisma.$disconnect();
  await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
  await db.end();
  await own.drop();
});

async function createUser(role: Actor['role']): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query('INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())', [id, `${id}@example.test`, `User ${id.slice(1, 6)}`, role]);
  return { id, role, banned: false };
}

function request(name: string, bytes: Buffer | string, { dryRun = false, accept = 'application/json' } = {}): Request {
  const form = new FormData();
  form.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name));
  if (dryRun) form.set('dryRun', 'on');
  return new Request('http://localhost:3000/api/admin/import', { method: 'POST', body: form, headers: { accept } });
}

async function send(actor: Actor | null, req: Request): Promise<{ status: number; body: { runId?: string; error?: string }; location: string | null }> {
  const res = await upload.handleImportUpload(req, async () => actor);
  const body = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { runId?: string; error?: string }) : {};
  return { status: res.status, body, location: res.headers.get('location') };
}

/** Runs the queued import jobs with the app's task code (graphile-worker's runOnce), pages "refreshed" into `refreshed`. */
async function runJobs(): Promise<void> {
  const { runOnce, Logger } = await import('graphile-worker');
  const { taskList } = await import('../../lib/jobs/tasks');
  const { TASKS } = await import('../../lib/validations/job-payloads');
  const all = taskList({ refreshImport: async (what) => void refreshed.push(what) });
  await runOnce({ connectionString: process.env.DATABASE_URL, taskList: { [TASKS.importRun]: all[TASKS.importRun]! }, logger: new Logger(() => () => {}) });
}

async function run(id: string) {
  const { rows } = await db.query<{ status: string; done: number; total: number; error: string | null; report: { kind: string; text: string; created?: Record<string, number> } | null; files: string }>(
    'SELECT status, done, total, error, report, (SELECT count(*) FROM import_files f WHERE f.run_id = r.id) AS files FROM import_runs r WHERE id = $1',
    [id],
  );
  assert.ok(rows[0], `run ${id}`);
  return rows[0];
}

test('a WXR upload is stored, run by the job, reported as the command reports it, and its pages refreshed', async () => {
  const admin = await createUser('ADMIN');
  const dry = await send(admin, request('small-export.xml', readFileSync(fixture(SMALL)), { dryRun: true }));
  assert.equal(dry.status, 202, dry.body.error);
  await runJobs();
  const dryRun = await run(dry.body.runId!);
  assert.equal(dryRun.status, 'done');
  assert.match(dryRun.report?.text ?? '', /^Dry run: nothing was written/);
  assert.equal((await tableCounts(db)).posts, 0, 'a dry run writes nothing');
  assert.equal(refreshed.length, 0, 'a dry run refreshes nothing');

  const sent = await send(admin, request('small-export.xml', readFileSync(fixture(SMALL))));
  assert.equal(sent.status, 202);
  const queued = await run(sent.body.runId!);
  assert.deepEqual([queued.status, Number(queued.files)], ['queued', 1], 'the upload waits in the database for a worker');
  await runJobs();
  const done = await run(sent.body.runId!);
  assert.equal(done.status, 'done', done.error ?? '');
  assert.equal(Number(done.files), 0, 'the file is deleted when the run ends');
  assert.ok(done.total > 0 && done.done === done.total, `progress ${done.done}/${done.total}`);
  assert.equal(done.report?.kind, 'import');
  assert.match(done.report?.text ?? '', /^Imported\.\n {2}read WXR/);
  const posts = (await tableCounts(db)).posts ?? 0;
  assert.ok(posts > 0 && done.report?.created?.posts === posts, `created ${done.report?.created?.posts}, posts ${posts}`);
  assert.equal(refreshed.length, 1);
  assert.ok((refreshed[0] as { tags: string[] }).tags.includes('posts'), 'the post lists are invalidated');
});

test('a truncated export fails with the loader\'s line and writes nothing', async () => {
  const admin = await createUser('ADMIN');
  const before = await tableCounts(db);
  const whole = readFileSync(fixture(SMALL), 'utf8');
  const sent = await send(admin, request('cut.xml', whole.slice(0, Math.floor(whole.length / 2))));
  assert.equal(sent.status, 202);
  await runJobs();
  const failed = await run(sent.body.runId!);
  assert.equal(failed.status, 'failed');
  assert.match(failed.error ?? '', /^cut\.xml:\d+:\d+: /);
  assert.equal(Number(failed.files), 0);
  assert.deepEqual(await tableCounts(db), before);
});

test('one import at a time: a second upload while one waits is refused', async () => {
  const admin = await createUser('ADMIN');
  const first = await send(admin, request('a.xml', readFileSync(fixture(SMALL)), { dryRun: true }));
  assert.equal(first.status, 202);
  const second = await send(admin, request('b.xml', readFileSync(fixture(SMALL)), { dryRun: true }));
  assert.equal(second.status, 409);
  assert.match(second.body.error ?? '', /running already \(a\.xml\)/);
  const form = await send(admin, request('b.xml', 'x', { accept: 'text/html' }));
  assert.deepEqual([form.status, form.location], [303, '/admin/import?error=busy'], 'a form post comes back to the form with why');
  await runJobs();
  assert.equal((await run(first.body.runId!)).status, 'done');
  assert.equal((await db.query("SELECT 1 FROM import_runs WHERE file_name = 'b.xml'")).rowCount, 0);
});

test('only admins import: members and editors are refused, nobody is asked to sign in', async () => {
  const runsBefore = (await db.query('SELECT 1 FROM import_runs')).rowCount;
  for (const role of ['MEMBER', 'EDITOR'] as const) {
    const refused = await send(await createUser(role), request('x.xml', readFileSync(fixture(SMALL))));
    assert.equal(refused.status, 403, role);
  }
  assert.equal((await send({ ...(await createUser('ADMIN')), banned: true }, request('x.xml', 'x'))).status, 403, 'a banned admin');
  assert.equal((await send(null, request('x.xml', 'x'))).status, 401);
  assert.equal((await db.query('SELECT 1 FROM import_runs')).rowCount, runsBefore);
});

test('too large: refused with 413 before a run is made (IMPORT_MAX_MB)', async () => {
  const admin = await createUser('ADMIN');
  const big = await send(admin, request('big.xml', Buffer.alloc(1024 * 1024 + 10, 0x20)));
  assert.equal(big.status, 413);
  assert.match(big.body.error ?? '', /larger than 1 MB/);
  const form = await send(admin, request('big.xml', Buffer.alloc(1024 * 1024 + 10, 0x20), { dryRun: true, accept: 'text/html' }));
  assert.equal(form.location, '/admin/import?error=too-large&dryRun=1');
  assert.equal((await db.query("SELECT 1 FROM import_runs WHERE file_name = 'big.xml'")).rowCount, 0);
});

test('a .zip of a Markdown folder is unpacked and imported; zip-slip and zip bombs fail and write nothing', async () => {
  const admin = await createUser('ADMIN');
  const md = (name: string) => readFileSync(fixture(`markdown/${name}`));
  const zip = makeZip([
    { name: '_posts/2019-08-19-jekyll-4-0-0-released.markdown', data: md('jekyll__jekyll__2019-08-19-jekyll-4-0-0-released.markdown') },
    { name: 'content/post/placeholder-text.md', data: md('gohugoio__hugoBasicExample__placeholder-text.md') },
    { name: 'README.md', data: '# not a post' },
  ]);
  const sent = await send(admin, request('site.zip', zip));
  await runJobs();
  const done = await run(sent.body.runId!);
  assert.equal(done.status, 'done', done.error ?? '');
  assert.equal(done.report?.created?.posts, 2);
  assert.match(done.report?.text ?? '', /ignored site\.zip\/README\.md: not an export/);

  const before = await tableCounts(db);
  const slip = await send(admin, request('slip.zip', makeZip([{ name: '../escaped.md', data: md('gohugoio__hugoBasicExample__markdown-syntax.md') }])));
  await runJobs();
  const slipped = await run(slip.body.runId!);
  assert.equal(slipped.status, 'failed');
  assert.match(slipped.error ?? '', /^slip\.zip: .*\.\.\/escaped\.md/);

  const bomb = await send(admin, request('bomb.zip', makeZip([{ name: 'zeros.md', data: Buffer.alloc(3 * 1024 * 1024) }])));
  await runJobs();
  const exploded = await run(bomb.body.runId!);
  assert.equal(exploded.status, 'failed');
  assert.match(exploded.error ?? '', /unpacks to more than 1 MB/);
  assert.deepEqual(await tableCounts(db), before);
});

test('a Markdown folder\'s local images go to the media store and the links are rewritten; a rerun stores nothing twice', async () => {
  const admin = await createUser('ADMIN');
  const sharp = (await import('sharp')).default;
  const png = (r: number) => sharp({ create: { width: 8, height: 6, channels: 3, background: { r, g: 10, b: 10 } } }).png().toBuffer();
  const post = [
    '---',
    'title: "With pictures"',
    'date: 2020-05-01',
    '---',
    'A bundle image: ![a red square](pic.png "red")',
    '',
    'A site image: <img src="/img/logo.png" alt="logo">',
    '',
    'Outside the folder: ![x](../../../etc/secret.png), elsewhere: ![y](https://example.com/y.png)',
  ].join('\n');
  const zip = makeZip([
    { name: 'content/post/with-pictures/index.md', data: post },
    { name: 'content/post/with-pictures/pic.png', data: await png(200) },
    { name: 'static/img/logo.png', data: await png(20) },
  ]);
  const first = await send(admin, request('pictures.zip', zip));
  await runJobs();
  const done = await run(first.body.runId!);
  assert.equal(done.status, 'done', done.error ?? '');
  assert.match(done.report?.text ?? '', /2 local images uploaded to the media store \(0 stored before\)/);
  const { rows } = await db.query<{ body: string }>("SELECT body FROM posts WHERE title = 'With pictures'");
  const body = rows[0]?.body ?? '';
  const uploads = [...body.matchAll(/\/uploads\/([0-9a-f]{32}\.png)/g)].map((m) => m[1]);
  assert.equal(uploads.length, 2, body);
  assert.ok(body.includes('![a red square](/uploads/') && body.includes('"red")'), 'the alt text and title stay');
  assert.ok(body.includes('](../../../etc/secret.png)') && body.includes('](https://example.com/y.png)'), 'other links are left alone');
  const media = await db.query<{ uploader_id: string; bytes: number }>('SELECT m.uploader_id, b.size AS bytes FROM media m JOIN media_blobs b ON b.media_id = m.id WHERE m.path = ANY($1)', [uploads]);
  assert.deepEqual(media.rows.map((r) => r.uploader_id), [admin.id, admin.id]);

  const mediaBefore = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM media')).rows[0]?.n);
  const again = await send(admin, request('pictures.zip', zip));
  await runJobs();
  const second = await run(again.body.runId!);
  assert.equal(second.status, 'done', second.error ?? '');
  assert.equal(second.report?.created?.posts, 0);
  assert.match(second.report?.text ?? '', /0 local images uploaded to the media store \(2 stored before\)/);
  assert.match(second.report?.text ?? '', /unchanged \(imported before\): .*1 posts/);
  assert.equal(Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM media')).rows[0]?.n), mediaBefore);
});

test('a run left behind by a dead server (no progress for an hour) is marked failed and blocks nothing', async () => {
  const admin = await createUser('ADMIN');
  await db.query("INSERT INTO import_runs (id, status, file_name, dry_run, updated_at) VALUES ('deadrun1', 'running', 'dead.xml', false, now() - interval '2 hours')");
  const sent = await send(admin, request('after-dead.xml', readFileSync(fixture(SMALL)), { dryRun: true }));
  assert.equal(sent.status, 202, sent.body.error);
  const dead = await run('deadrun1');
  assert.equal(dead.status, 'failed');
  assert.match(dead.error ?? '', /no progress for an hour/);
  await runJobs();
  assert.equal((await run(sent.body.runId!)).status, 'done');
});
