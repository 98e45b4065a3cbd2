import { createClient } from 'redis';
import { startRedisServer } from '../tests/helpers/redis-server.mjs';
import { uniqueText } from './helpers/comments';
import { expect, randomAddress, test } from './helpers/fixtures';
import { startOwnServer, type OwnServer } from './helpers/own-server';
import { insertPost, type TestPost } from './helpers/posts';
import { anonymousPage, commentThrough, visibleOn } from './helpers/shared-cache';
import { createUser, db, sessionCookieHeader, type TestUser } from './helpers/users';

// Redis stopped under load (issue 10): two production servers on a redis-server of this
// spec's own keep serving pages and taking comments while it is gone (uncached, never a
// 5xx), and share their caches again once it is back on the same port, without a restart.
// Runs with the site-wide specs: the servers and the load take the cores.

test.describe.configure({ mode: 'serial' });

let redis: Awaited<ReturnType<typeof startRedisServer>>;
let a: OwnServer;
let b: OwnServer;
let author: TestUser;
let post: TestPost;
const prefix = `e2e-outage-${Date.now().toString(36)}:`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  redis = await startRedisServer();
  // The load posts several comments a second as one author: the limits are not what is tested.
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_MULTIPLIER: '1000' };
  [a, b] = await Promise.all([startOwnServer({ env }), startOwnServer({ env })]);
  author = await createUser({ name: 'Outage Author' });
  post = await insertPost({ authorId: author.id, status: 'PUBLISHED', title: 'Outage post' });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await redis?.stop();
});

type Phase = 'up' | 'down' | 'back';
type Outcome = { phase: Phase; kind: 'read' | 'comment'; status: number; id?: string; body?: string };

async function redisHealth(origin: string): Promise<string | undefined> {
  const res = await fetch(`${origin}/api/health`);
  const body = (await res.json()) as { checks?: Record<string, string> };
  return body.checks?.redis;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('Redis stopped under load: no 5xx, pages served, comments stored; back: sharing resumes without a restart', async () => {
  test.setTimeout(90_000);
  const path = `/post/${post.slug}`;
  const cookie = await sessionCookieHeader(author);
  let phase: Phase = 'up';
  let stopped = false;
  const outcomes: Outcome[] = [];

  // Two readers (the post page and the home page) and two writers, each alternating between A and B.
  const reader = async (w: number) => {
    for (let k = 0; !stopped; k++) {
      const at = phase;
      const origin = (w + k) % 2 === 0 ? a.origin : b.origin;
      const res = await fetch(`${origin}${k % 3 === 0 ? '/' : path}`, { headers: { 'x-forwarded-for': randomAddress() } }).catch(() => null);
      await res?.text();
      outcomes.push({ phase: at, kind: 'read', status: res?.status ?? 0 });
    }
  };
  const writer = async (w: number) => {
    for (let k = 0; !stopped; k++) {
      const at = phase;
      const origin = (w + k) % 2 === 0 ? a.origin : b.origin;
      const text = `Outage comment ${w}-${k} (${at})`;
      const res = await fetch(`${origin}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-forwarded-for': randomAddress() },
        body: JSON.stringify({ postId: post.id, body: text }),
      }).catch(() => null);
      const body = res ? await res.text() : '';
      outcomes.push({ phase: at, kind: 'comment', status: res?.status ?? 0, id: res?.status === 201 ? (JSON.parse(body) as { id: string }).id : undefined, body: text });
      await sleep(100);
    }
  };
  // Each server renders both pages once first: the load starts on warm servers.
  await Promise.all([a, b].flatMap((server) => [anonymousPage(server.origin, path), anonymousPage(server.origin, '/')]));
  const load = Promise.all([reader(0), reader(1), writer(0), writer(1)]);

  await sleep(1500);
  phase = 'down';
  await redis.stop();
  const stoppedAt = Date.now();
  await expect.poll(async () => [await redisHealth(a.origin), await redisHealth(b.origin)], { intervals: [50] }).toEqual(['failing', 'failing']);
  console.log(`shared-cache-outage: both instances saw Redis gone after ${Date.now() - stoppedAt} ms`);
  // Never stale while Redis is away: what is written through A is what B serves.
  const during = uniqueText('Written while Redis is down');
  await commentThrough(a.origin, author, post.id, during);
  await visibleOn(b.origin, path, during, 'comment through A visible on B while Redis is down');
  await sleep(2000);

  await redis.start();
  const startedAt = Date.now();
  phase = 'back';
  await expect.poll(async () => [await redisHealth(a.origin), await redisHealth(b.origin)], { intervals: [50], timeout: 15_000 }).toEqual(['ok', 'ok']);
  console.log(`shared-cache-outage: both instances reconnected ${Date.now() - startedAt} ms after Redis was back`);
  await sleep(1000);
  stopped = true;
  await load;

  const count = (where: Phase, kind: Outcome['kind']) => outcomes.filter((o) => o.phase === where && o.kind === kind).length;
  console.log(`shared-cache-outage: reads up/down/back ${count('up', 'read')}/${count('down', 'read')}/${count('back', 'read')}, comments ${count('up', 'comment')}/${count('down', 'comment')}/${count('back', 'comment')}`);
  // Every read a 200 and every comment a 201, in every phase: no 5xx, no refused request.
  expect(outcomes.filter((o) => o.status !== (o.kind === 'read' ? 200 : 201)).map((o) => `${o.phase} ${o.kind} ${o.status}`)).toEqual([]);
  expect(count('down', 'read')).toBeGreaterThan(10);
  expect(count('down', 'comment')).toBeGreaterThan(4);
  const acknowledged = outcomes.flatMap((o) => (o.id ? [o.id] : []));
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE id = ANY($1)', [acknowledged]);
  expect(rows[0]?.n).toBe(acknowledged.length);

  // Sharing again: B's page is cached in Redis, and a comment through A replaces it there.
  const raw = createClient({ url: redis.url });
  await raw.connect();
  try {
    // B serves what was written last, not a page from before or during the outage. (The
    // comment written while Redis was down has been checked on B above; the writers have
    // since pushed it off the first page of threads.)
    const newest = outcomes.filter((o) => o.id).at(-1)?.body;
    expect(newest).toMatch(/\(back\)$/);
    // Written a moment ago, maybe through A: on B within the 1 s the issue allows.
    await visibleOn(b.origin, path, newest ?? '', 'the newest comment visible on B once Redis is back');
    // Next keys a page /route-cache/APP_PAGE/<build hash>/$<path>.
    await expect.poll(async () => (await raw.keys(`${prefix}page:*$${path}`)).length, { message: 'the page is stored in Redis again' }).toBe(1);
    const after = uniqueText('Written after Redis came back');
    await commentThrough(a.origin, author, post.id, after);
    const ms = await visibleOn(b.origin, path, after, 'comment through A visible on B after Redis came back');
    expect(ms).toBeLessThan(1000);
  } finally {
    raw.destroy();
  }
  for (const server of [a, b]) {
    expect(server.alive()).toBe(true);
    expect(server.stderr()).toContain('shared cache: redis command connection lost');
    expect(server.stderr()).toContain('shared cache: redis command connection is back');
  }
});
