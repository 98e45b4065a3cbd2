import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Runner } from 'graphile-worker';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { createPost, pool } from './helpers/fixtures';
import { clearJobs, jobsFor, queuedJobs } from './helpers/jobs';
import { startSmtpSink, type SmtpSink } from './helpers/smtp';

// The job queue (lib/jobs) on a real PostgreSQL with real graphile-worker runners and a
// real SMTP server in this process: exactly-once delivery with two workers, retries
// through a mail server outage, failed-for-good jobs on the admin summary, one publish
// job per scheduled post, and nothing enqueued by a rolled-back write.
// lib/env.ts reads the environment once, so SMTP_URL is set before any lib module loads.

let sql: pg.Pool;
let sink: SmtpSink;
let writes: typeof import('../../lib/dal/comment-writes');
let posts: typeof import('../../lib/dal/admin-posts');
let publishing: typeof import('../../lib/dal/publish-due');
let jobsDal: typeof import('../../lib/dal/jobs');
let enqueue: typeof import('../../lib/dal/enqueue-jobs');
let worker: typeof import('../../lib/jobs/worker');
let prisma: (typeof import('../../lib/db'))['db'];
const runners: Runner[] = [];

before(async () => {
  sink = await startSmtpSink();
  process.env.SMTP_URL = `smtp://127.0.0.1:${sink.port}`;
  process.env.MAIL_FROM = 'Quire <no-reply@quire.test>';
  writes = await import('../../lib/dal/comment-writes');
  posts = await import('../../lib/dal/admin-posts');
  publishing = await import('../../lib/dal/publish-due');
  jobsDal = await import('../../lib/dal/jobs');
  enqueue = await import('../../lib/dal/enqueue-jobs');
  worker = await import('../../lib/jobs/worker');
  prisma = (await import('../../lib/db')).db;
  sql = pool();
  // Jobs other test files left in the shared database would be run by these workers.
  await clearJobs(sql);
});

after(async () => {
  await Promise.all(runners.map((r) => r.stop()));
  await prisma.$disconnect();
  await sql.end();
  await sink.close();
});

const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;

async function createUser(role: Actor['role'] = 'MEMBER'): Promise<Actor> {
  const id = newId('u');
  await sql.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, $4, now())`, [id, `${id}@example.test`, `User ${id.slice(1, 6)}`, role]);
  return { id, role, banned: false };
}

/** A worker like the server's, publishing straight through the DAL (no server to call here). */
async function startWorker(): Promise<Runner> {
  const runner = await worker.startWorker({
    connectionString: process.env.DATABASE_URL ?? '',
    concurrency: 2,
    publishDue: async () => void (await publishing.publishDuePosts()),
    log: () => {},
  });
  runners.push(runner);
  return runner;
}

async function stopWorkers(): Promise<void> {
  await Promise.all(runners.splice(0).map((r) => r.stop()));
}

/** `count` threads by one author, each answered once by another: one reply email each (the throttle is per thread). */
async function repliesToOneAuthor(count: number): Promise<{ recipient: string; replyIds: string[] }> {
  const author = await createUser();
  const replier = await createUser();
  const post = await createPost(sql, author.id);
  const replyIds: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const parent = newId('c');
    await sql.query(`INSERT INTO comments (id, post_id, author_id, body) VALUES ($1, $2, $3, 'a thread')`, [parent, post.id, author.id]);
    const reply = await writes.createComment({ postId: post.id, authorId: replier.id, parentId: parent, body: `reply ${i}`, bodyHtml: '', status: 'VISIBLE', maxDepth: 3, replyEmailLocale: 'en' });
    assert.ok(reply.ok);
    replyIds.push(reply.id);
  }
  return { recipient: `${author.id}@example.test`, replyIds };
}

/** The reply ids the sink's messages to `recipient` link to. */
function linkedReplies(recipient: string): string[] {
  return sink.messages
    .filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === recipient)))
    .map((m) => /#comment-([a-z0-9]+)/.exec(m.text ?? '')?.[1] ?? '');
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('two workers send each of 40 reply emails exactly once', async () => {
  const { recipient, replyIds } = await repliesToOneAuthor(40);
  assert.equal((await queuedJobs(sql, 'reply_email')).length, 40, 'one job per reply, enqueued with it');
  sink.messages.length = 0;
  await Promise.all([startWorker(), startWorker()]);
  await waitUntil('the queue to drain', async () => (await queuedJobs(sql, 'reply_email')).length === 0);
  await stopWorkers();
  const sent = linkedReplies(recipient);
  assert.equal(sent.length, 40, `40 emails, got ${sent.length}`);
  assert.deepEqual([...sent].sort(), [...replyIds].sort(), 'each reply linked by exactly one email');
});

test('with the mail server down the emails wait and are retried; once it is back each arrives once', async () => {
  const port = sink.port;
  await sink.close();
  try {
    const { recipient, replyIds } = await repliesToOneAuthor(5);
    await startWorker();
    // Every job tried once and failed (connection refused), and is still queued for a retry.
    await waitUntil('a failed first attempt of each', async () => {
      const jobs = await queuedJobs(sql, 'reply_email');
      return jobs.length === 5 && jobs.every((j) => j.attempts >= 1 && j.lastError !== null);
    });
    const jobs = await queuedJobs(sql, 'reply_email');
    assert.ok(jobs.every((j) => /ECONNREFUSED|connect/i.test(j.lastError ?? '')), JSON.stringify(jobs.map((j) => j.lastError)));
    sink = await startSmtpSink({ port });
    await waitUntil('the queue to drain', async () => (await queuedJobs(sql, 'reply_email')).length === 0, 60_000);
    await stopWorkers();
    assert.deepEqual(linkedReplies(recipient).sort(), [...replyIds].sort());
  } catch (error) {
    // Leave a sink for the tests after this one, whatever failed.
    sink = await startSmtpSink({ port }).catch(() => sink);
    throw error;
  }
});

test('a job that failed for good shows on the admin summary, for admins only', async () => {
  await sql.query(`SELECT graphile_worker.add_job('reply_email', '{"commentId": ""}'::json, max_attempts => 1)`);
  await startWorker();
  await waitUntil('the job to fail', async () => (await queuedJobs(sql, 'reply_email')).some((j) => j.attempts >= j.maxAttempts));
  await stopWorkers();
  const summary = await jobsDal.getFailedJobs(await createUser('ADMIN'));
  assert.ok(summary);
  assert.ok(summary.count >= 1, JSON.stringify(summary));
  assert.equal(summary.last?.task, 'reply_email');
  assert.match(summary.last?.error ?? '', /^bad payload: .*commentId/);
  for (const role of ['EDITOR', 'AUTHOR', 'MEMBER'] as const) assert.equal(await jobsDal.getFailedJobs(await createUser(role)), null, role);
  assert.equal(await jobsDal.getFailedJobs(null), null);
});

test('one publish job per scheduled post: rescheduling moves it, unpublishing or trashing removes it', async () => {
  const admin = await createUser('ADMIN');
  const post = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  const first = new Date(Date.now() + 3_600_000);
  const second = new Date(Date.now() + 7_200_000);

  assert.ok((await posts.publishPost(admin, post.id, first)).ok);
  let jobs = await jobsFor(sql, 'publish_due', 'postId', post.id);
  assert.equal(jobs.length, 1);
  assert.equal(jobs[0]?.key, `publish:${post.id}`);
  assert.equal(jobs[0]?.runAt.getTime(), first.getTime());

  assert.ok((await posts.publishPost(admin, post.id, second)).ok);
  jobs = await jobsFor(sql, 'publish_due', 'postId', post.id);
  assert.equal(jobs.length, 1, 'rescheduled: still one job');
  assert.equal(jobs[0]?.runAt.getTime(), second.getTime(), 'at the new time');

  assert.ok((await posts.unpublishPost(admin, post.id)).ok);
  assert.equal((await jobsFor(sql, 'publish_due', 'postId', post.id)).length, 0, 'unpublished: no job');

  assert.ok((await posts.publishPost(admin, post.id, first)).ok);
  assert.ok((await posts.trashPost(admin, post.id)).ok);
  assert.equal((await jobsFor(sql, 'publish_due', 'postId', post.id)).length, 0, 'trashed: no job');
  assert.ok((await posts.restorePost(admin, post.id)).ok);
  assert.equal((await jobsFor(sql, 'publish_due', 'postId', post.id)).length, 1, 'restored while scheduled: the job is back');

  // Published now: no job left behind.
  assert.ok((await posts.publishPost(admin, post.id)).ok);
  assert.equal((await jobsFor(sql, 'publish_due', 'postId', post.id)).length, 0);
});

test('a scheduled post is published by its job once its time comes', async () => {
  const admin = await createUser('ADMIN');
  const post = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  assert.ok((await posts.publishPost(admin, post.id, new Date(Date.now() + 1500))).ok);
  const status = async () => (await sql.query<{ status: string }>('SELECT status FROM posts WHERE id = $1', [post.id])).rows[0]?.status;
  assert.equal(await status(), 'SCHEDULED');
  await startWorker();
  await waitUntil('the post to be published', async () => (await status()) === 'PUBLISHED');
  await waitUntil('its job to be done', async () => (await jobsFor(sql, 'publish_due', 'postId', post.id)).length === 0);
  await stopWorkers();
});

test('a rolled-back write enqueues nothing; the same write committed has its job', async () => {
  const author = await createUser();
  const post = await createPost(sql, author.id);
  const write = (commentId: string, fail: boolean) =>
    prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO comments (id, post_id, author_id, body) VALUES (${commentId}, ${post.id}, ${author.id}, 'x')`;
      await enqueue.enqueueReplyEmail(tx, { commentId, locale: 'en' });
      if (fail) throw new Error('the write fails after enqueueing');
    });
  const rolledBack = newId('c');
  await assert.rejects(write(rolledBack, true), /fails after enqueueing/);
  assert.equal((await sql.query('SELECT 1 FROM comments WHERE id = $1', [rolledBack])).rowCount, 0);
  assert.equal((await jobsFor(sql, 'reply_email', 'commentId', rolledBack)).length, 0, 'no job for a rolled-back write');

  const committed = newId('c');
  await write(committed, false);
  assert.equal((await jobsFor(sql, 'reply_email', 'commentId', committed)).length, 1);
});

test('stopping a worker: it takes no new job at once and finishes the one it runs', async () => {
  // A slow mail server: the reply email is still being sent when the stop begins.
  const port = sink.port;
  await sink.close();
  sink = await startSmtpSink({ port, delayMs: 1500 });
  try {
    const { recipient, replyIds } = await repliesToOneAuthor(1);
    const runner = await startWorker();
    await waitUntil('the job to be running', async () => (await queuedJobs(sql, 'reply_email')).some((j) => j.lockedAt !== null));
    const stopped = runner.stop();
    const { replyIds: later } = await repliesToOneAuthor(1);
    await stopped;
    runners.splice(runners.indexOf(runner), 1);
    assert.deepEqual(linkedReplies(recipient), replyIds, 'the running job finished: its email was sent');
    const done = await jobsFor(sql, 'reply_email', 'commentId', replyIds[0] ?? '');
    assert.equal(done.length, 0, `and it is done: ${JSON.stringify(done)}`);
    const waiting = await jobsFor(sql, 'reply_email', 'commentId', later[0] ?? '');
    assert.equal(waiting.length, 1, 'a job added after the stop began waits for another worker');
    assert.equal(waiting[0]?.attempts, 0);
  } finally {
    await sink.close();
    sink = await startSmtpSink({ port });
  }
});
