import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Runner } from 'graphile-worker';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { postInputSchema, type PostInputRaw } from '../../lib/validations/posts';
import { createPost, pool } from './helpers/fixtures';
import { startIndexNowReceiver, type Receiver } from './helpers/indexnow-receiver';
import { fixture, importPath } from './helpers/imports';
import { clearJobs, queuedJobs, runDueJobs } from './helpers/jobs';

// IndexNow on a real PostgreSQL with graphile-worker and a local HTTP endpoint started
// here: which post writes queue a ping (and which do not), the request the job sends, a
// retry by the queue after the endpoint answered 500, and the key file.
// lib/env.ts reads the environment once, so the key and endpoint are set before any lib module loads.

const KEY = 'quire-test-key-0123456789';
const SITE = 'http://localhost:3000'; // SITE_URL of the integration run (scripts/test.mjs)

let sql: pg.Pool;
let receiver: Receiver;
let posts: typeof import('../../lib/dal/admin-posts');
let publishing: typeof import('../../lib/dal/publish-due');
let worker: typeof import('../../lib/jobs/worker');
let keyRoute: typeof import('../../app/indexnow-key/[key]/route');
let prisma: (typeof import('../../lib/db'))['db'];
let admin: Actor;

before(async () => {
  receiver = await startIndexNowReceiver();
  process.env.INDEXNOW_KEY = KEY;
  process.env.INDEXNOW_ENDPOINT = receiver.url;
  posts = await import('../../lib/dal/admin-posts');
  publishing = await import('../../lib/dal/publish-due');
  worker = await import('../../lib/jobs/worker');
  keyRoute = await import('../../app/indexnow-key/[key]/route');
  prisma = (await import('../../lib/db')).db;
  sql = pool();
  await clearJobs(sql);
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Ada', 'ADMIN', now())`, [id, `${id}@example.test`]);
  admin = { id, role: 'ADMIN', banned: false };
});

after(async () => {
  // Jobs left waiting would be run by a later test file's worker, without this file's endpoint.
  await sql.query(`DELETE FROM graphile_worker._private_jobs WHERE key LIKE 'indexnow:%'`);
  await prisma.$disconnect();
  await sql.end();
  await receiver.close();
});

/** The paths queued for the post (its one waiting job's array), or null when it has none. */
async function queued(postId: string): Promise<string[] | null> {
  const jobs = (await queuedJobs(sql, 'indexnow')).filter((j) => j.key === `indexnow:${postId}`);
  assert.ok(jobs.length <= 1, 'one waiting job per post');
  return jobs[0] ? (jobs[0].payload as unknown as string[]) : null;
}

async function version(id: string): Promise<number> {
  return (await sql.query<{ version: number }>('SELECT version FROM posts WHERE id = $1', [id])).rows[0]?.version ?? 0;
}

async function save(id: string, fields: PostInputRaw) {
  const result = await posts.savePost(admin, id, postInputSchema.parse(fields), await version(id));
  assert.ok(result.ok, JSON.stringify(result));
}

/** Makes the post's waiting job due now (it waits INDEXNOW_WAIT_MS for more changes). */
async function makeDue(postId: string): Promise<void> {
  await sql.query(`SELECT graphile_worker.reschedule_jobs(array_agg(id), run_at => now()) FROM graphile_worker.jobs WHERE key = $1`, [`indexnow:${postId}`]);
}

test('publishing queues the post’s address, and the job POSTs host, key, keyLocation and urlList', async () => {
  const draft = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  assert.equal(await queued(draft.id), null);
  const started = Date.now();
  assert.ok((await posts.publishPost(admin, draft.id)).ok);
  assert.deepEqual(await queued(draft.id), [`/post/${draft.slug}`]);
  // It waits for more changes (autosaves) before it is sent.
  const job = (await queuedJobs(sql, 'indexnow')).find((j) => j.key === `indexnow:${draft.id}`);
  assert.ok(job && job.runAt.getTime() >= started + 25_000, `run_at ${job?.runAt.toISOString()}`);

  await makeDue(draft.id);
  const before = receiver.received.length;
  await runDueJobs(['indexnow']);
  const sent = receiver.received.slice(before);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]?.method, 'POST');
  assert.equal(sent[0]?.path, '/indexnow');
  assert.match(sent[0]?.contentType ?? '', /^application\/json/);
  assert.deepEqual(sent[0]?.body, { host: 'localhost:3000', key: KEY, keyLocation: `${SITE}/${KEY}.txt`, urlList: [`${SITE}/post/${draft.slug}`] });
  assert.equal(await queued(draft.id), null, 'done and gone');
});

test('edits of a public post queue a ping; a rename sends both addresses; saves in a row make one job', async () => {
  const post = await createPost(sql, admin.id, { title: 'First title', body: 'Body one.' });
  const fields = { title: 'First title', slug: post.slug, body: 'Body one.' };
  await save(post.id, fields); // the first save writes the excerpt made from the body: a change
  await sql.query('SELECT graphile_worker.remove_job($1)', [`indexnow:${post.id}`]);
  await save(post.id, fields);
  assert.equal(await queued(post.id), null, 'a save that changes nothing sends nothing');

  await save(post.id, { ...fields, title: 'Second title' });
  assert.deepEqual(await queued(post.id), [`/post/${post.slug}`]);
  const renamed = `${post.slug}-moved`;
  await save(post.id, { ...fields, title: 'Second title', slug: renamed });
  // The waiting job gained the rename's addresses (graphile-worker appends array payloads of one key).
  assert.deepEqual(await queued(post.id), [`/post/${post.slug}`, `/post/${post.slug}`, `/post/${renamed}`]);

  await makeDue(post.id);
  const before = receiver.received.length;
  await runDueJobs(['indexnow']);
  const sent = receiver.received.slice(before);
  assert.equal(sent.length, 1, 'one request for the three saves');
  assert.deepEqual((sent[0]?.body as { urlList: string[] }).urlList, [`${SITE}/post/${post.slug}`, `${SITE}/post/${renamed}`]);
});

test('unpublish, trash and restore queue a ping; a draft’s edits and a schedule for later do not', async () => {
  const draft = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  await save(draft.id, { title: 'Still a draft', slug: draft.slug, body: 'Not public.' });
  assert.ok((await posts.publishPost(admin, draft.id, new Date(Date.now() + 86_400_000))).ok);
  assert.equal(await queued(draft.id), null, 'nothing a crawler can see changed');

  for (const step of ['unpublish', 'trash', 'restore'] as const) {
    const post = await createPost(sql, admin.id);
    if (step === 'restore') await sql.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [post.id]);
    const result = step === 'unpublish' ? await posts.unpublishPost(admin, post.id) : step === 'trash' ? await posts.trashPost(admin, post.id) : await posts.restorePost(admin, post.id);
    assert.ok(result.ok, step);
    assert.deepEqual(await queued(post.id), [`/post/${post.slug}`], step);
  }
});

test('a scheduled post queues its ping when its time comes', async () => {
  const post = await createPost(sql, admin.id, { status: 'SCHEDULED', publishedAt: new Date(Date.now() - 1000) });
  const { published } = await publishing.publishDuePosts();
  assert.ok(published.includes(post.slug));
  assert.deepEqual(await queued(post.id), [`/post/${post.slug}`]);
});

test('the endpoint answers 500: the queue retries the job with backoff, and the second try sends the same request', async () => {
  const post = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  assert.ok((await posts.publishPost(admin, post.id)).ok);
  await makeDue(post.id);
  receiver.failNext(1);
  const before = receiver.received.length;

  await runDueJobs(['indexnow']);
  const failed = (await queuedJobs(sql, 'indexnow')).find((j) => j.key === `indexnow:${post.id}`);
  assert.equal(failed?.attempts, 1);
  assert.match(failed?.lastError ?? '', /IndexNow answered 500/);
  assert.ok(failed && failed.runAt.getTime() > Date.now(), 'the retry waits (graphile-worker backoff: about e^attempts seconds)');

  // A worker as the server runs it picks the retry up by itself when its time comes.
  const runner: Runner = await worker.startWorker({ connectionString: process.env.DATABASE_URL ?? '', concurrency: 1, publishDue: async () => {}, log: () => {} });
  try {
    const deadline = Date.now() + 20_000;
    while (receiver.received.length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await runner.stop();
  }
  const sent = receiver.received.slice(before);
  assert.deepEqual(sent.map((r) => r.answered), [500, 200]);
  assert.deepEqual(sent[1]?.body, sent[0]?.body);
  assert.equal(await queued(post.id), null, 'done after the retry');
});

test('the key file answers the key as text/plain, and 404 for any other key', async () => {
  const get = (key: string) => keyRoute.GET(new Request(`${SITE}/indexnow-key/${key}`), { params: Promise.resolve({ key }) });
  const ok = await get(KEY);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'text/plain; charset=utf-8');
  assert.equal(await ok.text(), KEY);
  for (const other of ['quire-test-key-9876543210', KEY.toUpperCase(), `${KEY}x`]) assert.equal((await get(other)).status, 404, other);
});

test('an import queues one ping with the addresses of the posts it brought in that readers can see; a second run queues none', async () => {
  const importPings = async () => (await queuedJobs(sql, 'indexnow')).filter((j) => j.key?.startsWith('indexnow:import-'));
  assert.deepEqual(await importPings(), []);
  await importPath(fixture('wxr/WordPress__wordpress-importer__small-export.xml'));
  const { rows } = await sql.query<{ slug: string; visible: boolean }>(
    `SELECT p.slug, (p.status = 'PUBLISHED' AND p.published_at <= now() AND p.deleted_at IS NULL) AS visible
       FROM posts p JOIN import_sources s ON s.kind = 'post' AND s.target_id = p.id ORDER BY p.slug`,
  );
  const visible = rows.filter((r) => r.visible).map((r) => `/post/${r.slug}`);
  assert.ok(visible.length > 0 && visible.length < rows.length, 'the fixture has published posts and drafts');
  const pings = await importPings();
  assert.equal(pings.length, 1);
  assert.deepEqual([...(pings[0]?.payload as unknown as string[])].sort(), visible);

  await importPath(fixture('wxr/WordPress__wordpress-importer__small-export.xml'));
  assert.equal((await importPings()).length, 1, 'nothing new, nothing queued');
});
