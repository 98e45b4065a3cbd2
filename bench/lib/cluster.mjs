// `npm run bench -- --cluster`: one instance against two behind HAProxy, in one run, on the
// topology of scripts/lib/cluster.mjs (PgBouncer in transaction mode, two production
// servers, HAProxy round robin). One instance is the first server addressed directly; two
// is the balancer. Measured: anonymous post page req/s, comment writes/s (accepted vs
// stored), and cross-instance visibility: a comment posted through instance 1, its post
// page polled through instance 2 until the comment shows. Without REDIS_URL each instance
// keeps its own page cache, so the comment shows on instance 2 only when its cached page
// expires: trials that wait past --visibility-wait are reported as not visible.
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { startCluster } from '../../scripts/lib/cluster.mjs';
import { COMMENTED_SLUG, commentLoad, POSTING_SLUG } from './comments.mjs';
import { cannon, request } from './load.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);

async function readerCookies(databaseUrl, authSecret) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const users = await client.query("SELECT id, name FROM users WHERE email LIKE '%@bench.example' ORDER BY name");
    const post = await client.query('SELECT id FROM posts WHERE slug = $1', [POSTING_SLUG]);
    const cookies = await Promise.all(users.rows.map(async (u) => `${SESSION_COOKIE}=${await encode({ token: { sub: u.id, name: u.name }, secret: authSecret, maxAge: 3600 })}`));
    return { cookies, postingId: post.rows[0].id };
  } finally {
    await client.end();
  }
}

async function commentCount(databaseUrl, postId) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId])).rows[0].n;
  } finally {
    await client.end();
  }
}

/** Comment writes through `origin` for `seconds`: answered 201 vs stored. */
async function commentWrites({ origin, databaseUrl, cookies, postId, seconds, tag }) {
  const before = await commentCount(databaseUrl, postId);
  const load = await commentLoad({ origin, cookies, postId, seconds, address: (k) => `10.3.${k % 250}.${tag}`, body: (k) => `Cluster bench comment ${tag}-${k}.` });
  const stored = (await commentCount(databaseUrl, postId)) - before;
  // autocannon stops counting at the end of the duration: requests still in flight then are
  // stored but not counted as accepted. Lost is only what was answered 201 and is not stored.
  return { ...load, accepted: load.ok2xx, stored, lost: Math.max(0, load.ok2xx - stored), inFlightAtEnd: Math.max(0, stored - load.ok2xx) };
}

/** Posts through `writer`, polls `reader` until the comment is on the page (or `waitMs` passes). */
async function visibilityTrials({ writer, reader, databaseUrl, cookies, trials, pollMs, waitMs, say }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const postId = (await client.query('SELECT id FROM posts WHERE slug = $1', [COMMENTED_SLUG])).rows[0].id;
  await client.end();
  const page = `${reader}/post/${COMMENTED_SLUG}`;
  const latencies = [];
  let notVisible = 0;
  let done = 0;
  for (let t = 0; t < trials; t += 1) {
    await request(page); // the reader's instance has the page cached, as on a site with readers
    const started = Date.now();
    const res = await request(`${writer}/api/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': CHROME, cookie: cookies[t % cookies.length], 'x-forwarded-for': `10.4.0.${t % 250}` },
      body: JSON.stringify({ postId, body: `Visibility trial ${t} at ${started}.` }),
    });
    if (res.status !== 201) throw new Error(`visibility trial ${t}: the comment was refused (${res.status}): ${res.body}`);
    const { id, held } = JSON.parse(res.body.toString('utf8'));
    if (held) throw new Error(`visibility trial ${t}: the comment was held for moderation`);
    let seen = null;
    while (Date.now() - started < waitMs) {
      const html = (await request(page)).body.toString('utf8');
      if (html.includes(`id="comment-${id}"`)) {
        seen = Date.now() - started;
        break;
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
    done += 1;
    if (seen === null) notVisible += 1;
    else latencies.push(seen);
    // Three misses in a row and nothing seen: the instances share no cache; stop waiting.
    if (latencies.length === 0 && notVisible >= 3) {
      say(`visibility: 3 of 3 trials not visible through instance 2 within ${waitMs} ms: stopping early`);
      break;
    }
  }
  latencies.sort((a, b) => a - b);
  return { trials: done, visible: latencies.length, notVisible, waitMs, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null };
}

export async function benchCluster({ databaseUrl, flags, say, authSecret }) {
  const cluster = await startCluster({
    databaseUrl,
    env: { AUTH_SECRET: authSecret, RATE_LIMIT_MULTIPLIER: '100000', ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) },
    say: (line) => say(`cluster: ${line}`),
  });
  try {
    const [one, two] = cluster.instances;
    if (!one || !two) throw new Error('the cluster needs two instances');
    const seconds = Math.max(3, Math.round(flags.duration / 4));
    const pageOf = (origin) => cannon({ url: `${origin}/post/${flags.slug}`, connections: flags.connections, duration: seconds });
    say(`page: ${seconds} s each, alternating, one instance (direct) and two (through HAProxy), ${flags.connections} connections`);
    await cannon({ url: `${cluster.url}/post/${flags.slug}`, connections: flags.connections, duration: Math.max(2, flags.warmup) });
    const page = { one: [], two: [] };
    for (let round = 0; round < 2; round += 1) {
      page.one.push(await pageOf(one.origin));
      page.two.push(await pageOf(cluster.url));
    }
    const { cookies, postingId } = await readerCookies(databaseUrl, authSecret);
    say(`comments: ${cookies.length} readers, ${seconds} s through one instance, then ${seconds} s through the balancer`);
    const writesOne = await commentWrites({ origin: one.origin, databaseUrl, cookies, postId: postingId, seconds, tag: 1 });
    const writesTwo = await commentWrites({ origin: cluster.url, databaseUrl, cookies, postId: postingId, seconds, tag: 2 });
    say(`visibility: ${flags.trials} trials, posted through instance 1, polled through instance 2 every ${flags.pollMs} ms${process.env.REDIS_URL ? ' (REDIS_URL set)' : ' (no REDIS_URL)'}`);
    const visibility = await visibilityTrials({ writer: one.origin, reader: two.origin, databaseUrl, cookies, trials: flags.trials, pollMs: flags.pollMs, waitMs: flags.visibilityWaitMs, say });
    const merge = (runs) => ({
      reqPerSec: runs.reduce((s, r) => s + r.reqPerSec, 0) / runs.length,
      p50: runs.map((r) => r.p50).sort((a, b) => a - b)[Math.floor(runs.length / 2)],
      p99: Math.max(...runs.map((r) => r.p99)),
      failures: runs.reduce((s, r) => s + r.errors + r.timeouts + r.non2xx, 0),
    });
    return { redis: Boolean(process.env.REDIS_URL), page: { one: merge(page.one), two: merge(page.two) }, writes: { one: writesOne, two: writesTwo }, visibility };
  } finally {
    await cluster.stop();
  }
}
