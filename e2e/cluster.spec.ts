import net from 'node:net';
import { expect, test } from '@playwright/test';
import { startCluster, type RunningCluster } from './helpers/cluster';
import { getPost, getViewCount } from './helpers/db';
import { SEED_PATH, VIEW_POSTS } from './helpers/site';
import { createUser, db, sessionCookieHeader } from './helpers/users';

// Several instances, one site (README "Running several instances"): two production servers
// behind HAProxy, both through PgBouncer in transaction mode, as local processes
// (scripts/cluster.mjs; deploy/haproxy.cfg and deploy/pgbouncer.ini). Plain HTTP, no
// browser. Runs in its own project after every other spec: it adds views and comments.
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.7000.1 Safari/537.36';
let cluster: RunningCluster;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // The load below posts several comments a second per reader: the limits are not what is tested.
  cluster = await startCluster({ RATE_LIMIT_MULTIPLIER: '1000' });
});

test.afterAll(async () => {
  await cluster?.stop();
});

/** Runs `fn` over `items` with at most `width` at a time. */
async function inParallel<T, R>(items: T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i] as T);
      }
    }),
  );
  return results;
}

test('1,000 distinct visitors through the balancer, split across both instances, add exactly 1,000 views', async () => {
  const slug = VIEW_POSTS.concurrency;
  const { id } = await getPost(slug);
  const before = await getViewCount(slug);
  // HAProxy appends the client's address to X-Forwarded-For; the first entry is the visitor's.
  const visitors = Array.from({ length: 1000 }, (_, i) => `198.18.${Math.floor(i / 250)}.${i % 250}`);
  const answers = await inParallel(visitors, 20, async (address) => {
    const res = await fetch(`${cluster.url}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': CHROME, 'x-forwarded-for': address },
      body: JSON.stringify({ postId: id }),
    });
    return { status: res.status, instance: res.headers.get('x-quire-instance') };
  });
  expect(answers.filter((a) => a.status !== 204)).toEqual([]);
  const served = { app1: answers.filter((a) => a.instance === 'app1').length, app2: answers.filter((a) => a.instance === 'app2').length };
  expect(served.app1 + served.app2).toBe(1000);
  // Round robin: about half each.
  expect(Math.min(served.app1, served.app2), JSON.stringify(served)).toBeGreaterThan(400);
  // A 204 means stored: no wait needed, and no more than 1,000 either.
  expect(await getViewCount(slug)).toBe(before + 1000);
});

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

type Outcome = { kind: 'comment' | 'read'; started: number; status: number; instance: string | null; id?: string; error?: string };

test('kill -9 of one instance under load: no acknowledged comment lost, the balancer routes around it', async () => {
  const readers = await Promise.all(Array.from({ length: 4 }, () => createUser()));
  const cookies = await Promise.all(readers.map((r) => sessionCookieHeader(r)));
  const { id: postId } = await getPost(VIEW_POSTS.badBeacons);
  const outcomes: Outcome[] = [];
  let stopAt = Infinity;
  let killedAt = Infinity;
  let goneAt = Infinity;

  const worker = async (w: number) => {
    for (let k = 0; Date.now() < stopAt; k += 1) {
      const started = Date.now();
      const comment = k % 2 === 0;
      const request = comment
        ? fetch(`${cluster.url}/api/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': CHROME, cookie: cookies[w % cookies.length] ?? '', 'x-forwarded-for': `198.19.${w}.${k % 250}` },
            body: JSON.stringify({ postId, body: `Cluster comment ${w}-${k}: still here after the crash?` }),
          })
        : fetch(`${cluster.url}${SEED_PATH}`, { headers: { 'user-agent': CHROME, 'x-forwarded-for': `198.20.${w}.${k % 250}` } });
      const kind = comment ? 'comment' : 'read';
      let outcome: Outcome;
      try {
        // The body is read inside: a response cut off by the kill fails here, not later.
        const res = await request;
        const body = await res.text();
        const id = comment && res.status === 201 ? (JSON.parse(body) as { id: string }).id : undefined;
        outcome = { kind, started, status: res.status, instance: res.headers.get('x-quire-instance'), id };
      } catch (error) {
        // What failed, for the report: a refused or reset connection, a cut-off body (fetch's cause).
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        outcome = { kind, started, status: 0, instance: null, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
      }
      outcomes.push(outcome);
    }
  };

  const load = Promise.all(Array.from({ length: 8 }, (_, w) => worker(w)));
  // Kill only once both instances have served under this load (at least 3 s of it): on a busy
  // machine the balancer may hold one back for a while after its health checks were slow.
  const loadStarted = Date.now();
  const bothServed = () => outcomes.some((o) => o.instance === 'app1') && outcomes.some((o) => o.instance === 'app2');
  while (Date.now() - loadStarted < 3000 || (!bothServed() && Date.now() - loadStarted < 30_000)) await new Promise((r) => setTimeout(r, 100));
  const victim = cluster.instances[1];
  if (!victim) throw new Error('the cluster has no second instance');
  killedAt = Date.now();
  process.kill(victim.pid, 'SIGKILL');
  // Until its listening socket is closed, the kernel still accepts connections for the dying
  // process: requests started until then may be in flight on it. From then on, none may fail.
  const port = Number(new URL(victim.origin).port);
  while (await accepts(port)) await new Promise((r) => setTimeout(r, 5));
  goneAt = Date.now();
  expect(goneAt - killedAt).toBeLessThan(5000);
  await new Promise((r) => setTimeout(r, 5000));
  stopAt = Date.now();
  await load;

  const failed = outcomes.filter((o) => !(o.kind === 'comment' ? o.status === 201 : o.status === 200));
  const before = outcomes.filter((o) => o.started < killedAt);
  const after = outcomes.filter((o) => o.started >= goneAt);
  // Both instances served before the kill; only the survivor after it, and served everything.
  const servedBefore = new Set(before.map((o) => o.instance));
  expect(servedBefore.has('app1') && servedBefore.has('app2'), [...servedBefore].join(', ')).toBe(true);
  expect(after.length).toBeGreaterThan(20);
  expect(after.filter((o) => o.instance !== 'app1'), `killed at ${killedAt}, port closed at ${goneAt}`).toEqual([]);
  // Only requests already in flight when the instance died may have failed.
  expect(failed.filter((o) => o.started >= goneAt)).toEqual([]);
  expect(failed.length).toBeLessThanOrEqual(8);

  const acknowledged = outcomes.flatMap((o) => (o.id ? [o.id] : []));
  expect(acknowledged.length).toBeGreaterThan(10);
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE id = ANY($1)', [acknowledged]);
  expect(rows[0]?.n).toBe(acknowledged.length);
});
