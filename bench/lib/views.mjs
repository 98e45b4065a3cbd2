// Part 4: view ingestion. N beacons from N distinct visitors on one post, ~50 in flight,
// against the app's POST /api/views and against the naive one-UPDATE-per-view server;
// then the database is asked whether every accepted beacon was counted.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { getFreePort } from '../../scripts/embedded-db.mjs';
import { cannon } from './load.mjs';
import { startChild, stopChild, treeUsage, waitForHttp } from './procs.mjs';
import { alternate } from './rounds.mjs';
import { root } from './setup.mjs';

const NAIVE = path.join(import.meta.dirname, '..', 'naive-views-server.mjs');
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** The app's pool size, read from lib/db.ts so the naive server gets the same. */
export function appPoolSize() {
  try {
    const m = /max:\s*(\d+)/.exec(readFileSync(path.join(root, 'lib', 'db.ts'), 'utf8'));
    return m ? Number(m[1]) : 10;
  } catch {
    return 10;
  }
}

/** A distinct visitor per beacon: a unique first X-Forwarded-For entry (10.x.y.z from a counter). */
function visitorSource(prefix) {
  let n = 0;
  return () => {
    n += 1;
    return `${prefix}.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
}

async function sendBeacons(origin, postId, amount, connections, ip) {
  return cannon({
    url: `${origin}/api/views`,
    connections,
    amount,
    // With `amount`, autocannon notices the end only at its next sample tick (default 1 s):
    // sample every 10 ms so that the measured duration, and so the rate, is not rounded up.
    sampleInt: 10,
    requests: [
      {
        method: 'POST',
        body: JSON.stringify({ postId }),
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME },
        // Called for every request: a new visitor each time.
        setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'x-forwarded-for': ip() } }),
      },
    ],
  });
}

async function counts(databaseUrl, postId) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT view_count::bigint AS views, (SELECT count(*) FROM post_view_events WHERE post_id = $1)::bigint AS events FROM posts WHERE id = $1',
      [postId],
    );
    return { views: Number(rows[0].views), events: Number(rows[0].events) };
  } finally {
    await client.end();
  }
}

/** Polls until the counts stop moving (two equal reads 500 ms apart, at most 15 s). */
async function settledCounts(databaseUrl, postId) {
  let last = await counts(databaseUrl, postId);
  for (let i = 0; i < 30; i += 1) {
    await new Promise((r) => setTimeout(r, 500));
    const now = await counts(databaseUrl, postId);
    if (now.views === last.views && now.events === last.events) return now;
    last = now;
  }
  return last;
}

/** One measured round for one server, with the counted == accepted check on its own delta. */
async function round({ origin, serverPid, databaseUrl, postId, amount, connections, ip }) {
  const before = await settledCounts(databaseUrl, postId);
  const cpuBefore = treeUsage(serverPid).cpuSeconds;
  const result = await sendBeacons(origin, postId, amount, connections, ip);
  // Node-side CPU only: PostgreSQL's share is in its own processes, not in the server's tree.
  result.serverCpuMs = (treeUsage(serverPid).cpuSeconds - cpuBefore) * 1000;
  const after = await settledCounts(databaseUrl, postId);
  const counted = after.views - before.views;
  return { ...result, accepted: result.ok2xx, counted, events: after.events - before.events, lost: result.ok2xx - counted };
}

export async function benchViews({ app, databaseUrl, slug, flags, say }) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const { rows } = await client.query('SELECT id FROM posts WHERE slug = $1', [slug]).finally(() => client.end());
  if (!rows[0]) throw new Error(`no post with slug ${slug}`);
  const postId = rows[0].id;

  const poolSize = appPoolSize();
  const port = await getFreePort();
  const naiveChild = startChild(process.execPath, [NAIVE], { env: { PORT: String(port), DATABASE_URL: databaseUrl, POOL_SIZE: String(poolSize) } });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, naiveChild);
    const appSide = { origin: app.origin, serverPid: app.child.pid, ip: visitorSource('10') };
    const naiveSide = { origin: `http://127.0.0.1:${port}`, serverPid: naiveChild.pid, ip: visitorSource('11') };
    const { beaconConnections: connections, rounds } = flags;
    // Warm-up (not measured, but counted in the database like any view): JIT, pools, today's salt.
    for (const side of [appSide, naiveSide]) await sendBeacons(side.origin, postId, Math.min(500, flags.beacons), connections, visitorSource(`${side === appSide ? 12 : 13}`));

    const amount = Math.ceil(flags.beacons / rounds);
    say(`views: ${app.label} vs naive UPDATE per beacon (pool ${poolSize}), ${rounds} alternating rounds of ${amount} beacons, ${connections} in flight`);
    const common = { databaseUrl, postId, amount, connections };
    const { a, b, roundRatios } = await alternate(rounds, () => round({ ...common, ...appSide }), () => round({ ...common, ...naiveSide }));
    // The naive server has no dedupe table, so its `events` stay 0 and only view_count moves.
    return { postId, poolSize, app: a, naive: b, ratio: b.ratePerSec > 0 ? a.ratePerSec / b.ratePerSec : 0, roundRatios };
  } finally {
    await stopChild(naiveChild);
  }
}
