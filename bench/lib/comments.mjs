// Part 5: comments. (a) The post page carrying 200 comments, cached, measured like the
// seed post (and against its own bare node:http baseline); its req/s divided by the seed
// post's from the same run is the "vs foundation" ratio. (b) Comment posting: 20 readers
// with sessions POST /api/comments concurrently (rate limits raised for the run with
// RATE_LIMIT_MULTIPLIER); comments/s, latency, and stored == accepted. (c) The cache under
// writes: the seed post's req/s while readers comment elsewhere, two a second (each new
// comment invalidates the counters every page shows), against the same page without.
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import pg from 'pg';
import { cannon, request } from './load.mjs';
import { benchPage } from './page.mjs';
import { treeUsage } from './procs.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

export const COMMENTED_SLUG = 'six-reasons-to-join-a-pmo';
export const POSTING_SLUG = 'running-a-risk-workshop-in-one-hour';
const READERS = 20;
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function withClient(databaseUrl, fn) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** 20 readers, and 200 visible comments on COMMENTED_SLUG (50 threads of 1 + 3 replies). Before the build, so the prerender has them. */
export async function seedComments(databaseUrl) {
  return withClient(databaseUrl, async (db) => {
    const readers = [];
    for (let i = 0; i < READERS; i += 1) {
      const id = `b${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      await db.query("INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, $3, 'MEMBER', now())", [id, `${id}@bench.example`, `Bench Reader ${i + 1}`]);
      readers.push(id);
    }
    const { rows } = await db.query('SELECT id FROM posts WHERE slug = $1', [COMMENTED_SLUG]);
    const postId = rows[0]?.id;
    if (!postId) throw new Error(`bench: no post ${COMMENTED_SLUG} in the seed`);
    const text = (n) => `Comment ${n}: a thoughtful remark about PMOs, with *emphasis* and a [link](https://example.com/${n}).`;
    const html = (n) => `<p>Comment ${n}: a thoughtful remark about PMOs, with <em>emphasis</em> and a <a href="https://example.com/${n}" rel="nofollow ugc noopener">link</a>.</p>`;
    let n = 0;
    const at = (k) => new Date(Date.UTC(2026, 0, 1) + k * 60_000);
    for (let t = 0; t < 50; t += 1) {
      const rootId = `r${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      n += 1;
      await db.query(
        "INSERT INTO comments (id, post_id, author_id, depth, body, body_html, status, created_at) VALUES ($1, $2, $3, 0, $4, $5, 'VISIBLE', $6)",
        [rootId, postId, readers[n % READERS], text(n), html(n), at(n)],
      );
      for (let r = 0; r < 3; r += 1) {
        n += 1;
        await db.query(
          "INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at) VALUES ($1, $2, $3, $4, $4, 1, $5, $6, 'VISIBLE', $7)",
          [`r${randomUUID().replaceAll('-', '').slice(0, 24)}`, postId, readers[n % READERS], rootId, text(n), html(n), at(n)],
        );
      }
    }
    await db.query('UPDATE posts SET comment_count = $2 WHERE id = $1', [postId, n]);
    return { readers, count: n };
  });
}

async function commentItemsOnPage(url) {
  const res = await request(url);
  return (res.body.toString('utf8').match(/<li id="comment-/g) ?? []).length;
}

export async function benchComments({ app, databaseUrl, flags, tmpDir, say, authSecret }) {
  const pageUrl = `${app.origin}/post/${COMMENTED_SLUG}`;
  // With --no-build the prerender may predate the comments: wait for a background re-render.
  for (let i = 0; i < 60 && (await commentItemsOnPage(pageUrl)) < 200; i += 1) await new Promise((r) => setTimeout(r, 1000));
  const shown = await commentItemsOnPage(pageUrl);
  say(`post page with comments: ${shown} comments on ${pageUrl}`);
  const page = await benchPage({ app, slug: COMMENTED_SLUG, flags, tmpDir, say });

  const { readers, postId } = await withClient(databaseUrl, async (db) => {
    const users = await db.query("SELECT id, name FROM users WHERE email LIKE '%@bench.example' ORDER BY name");
    const post = await db.query('SELECT id FROM posts WHERE slug = $1', [POSTING_SLUG]);
    return { readers: users.rows, postId: post.rows[0].id };
  });
  const cookies = await Promise.all(
    readers.map(async (u) => `${SESSION_COOKIE}=${await encode({ token: { sub: u.id, name: u.name }, secret: authSecret, maxAge: 3600 })}`),
  );
  const before = await withClient(databaseUrl, (db) => db.query('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [postId]));
  const seconds = Math.max(5, Math.round(flags.duration / 2));
  say(`comment posting: ${readers.length} readers, ${readers.length} connections, ${seconds} s, POST /api/comments`);
  const cpuBefore = treeUsage(app.child.pid).cpuSeconds;
  const load = await commentLoad({ origin: app.origin, cookies, postId, seconds, address: (k) => `10.1.0.${k % readers.length}`, body: (k) => `Bench comment ${k}: posting under load.` });
  const cpuMs = (treeUsage(app.child.pid).cpuSeconds - cpuBefore) * 1000;
  const after = await withClient(databaseUrl, (db) => db.query('SELECT count(*)::int AS n, (SELECT comment_count FROM posts WHERE id = $1) AS counted FROM comments WHERE post_id = $1', [postId]));
  const stored = after.rows[0].n - before.rows[0].n;
  const underWrites = await benchPageUnderComments({ app, flags, say, cookies, postId });
  return {
    page,
    commentsShown: shown,
    posting: {
      ...load,
      readers: readers.length,
      accepted: load.ok2xx,
      stored,
      postCommentCount: after.rows[0].counted,
      serverCpuMsPerComment: load.ok2xx > 0 ? cpuMs / load.ok2xx : null,
    },
    underWrites,
  };
}

const TRICKLE_PER_SECOND = 2;

/** Posts TRICKLE_PER_SECOND comments a second until stopped; resolves to how many were stored (201). */
function commentTrickle({ app, cookies, postId }) {
  let stopped = false;
  let posted = 0;
  let refused = 0;
  const done = (async () => {
    for (let k = 0; !stopped; k += 1) {
      const started = Date.now();
      const res = await fetch(`${app.origin}/api/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': CHROME, cookie: cookies[k % cookies.length], 'x-forwarded-for': `10.2.0.${k % 250}` },
        body: JSON.stringify({ postId, body: `Trickle comment ${k} while the page is read.` }),
      });
      await res.arrayBuffer();
      if (res.status === 201) posted += 1;
      else refused += 1;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / TRICKLE_PER_SECOND - (Date.now() - started))));
    }
  })();
  return async () => {
    stopped = true;
    await done;
    return { posted, refused };
  };
}

/** The seed post under load, quiet / with comments trickling in on another post / quiet again. */
async function benchPageUnderComments({ app, flags, say, cookies, postId }) {
  const url = `${app.origin}/post/${flags.slug}`;
  const headers = flags.gzip ? { 'accept-encoding': 'gzip' } : {};
  const seconds = Math.max(3, Math.round(flags.duration / 4));
  const run = () => cannon({ url, connections: flags.connections, duration: seconds, headers });
  say(`post page while readers comment: ${seconds} s quiet, ${seconds} s with ${TRICKLE_PER_SECOND} comments/s on another post, ${seconds} s quiet`);
  const quietBefore = await run();
  const stop = commentTrickle({ app, cookies, postId });
  const busy = await run();
  const trickle = await stop();
  const quietAfter = await run();
  const quiet = (quietBefore.reqPerSec + quietAfter.reqPerSec) / 2;
  return {
    quietReqPerSec: quiet,
    busyReqPerSec: busy.reqPerSec,
    busyP99: busy.p99,
    busyErrors: busy.errors + busy.timeouts + busy.non2xx,
    ratio: quiet > 0 ? busy.reqPerSec / quiet : 0,
    commentsPosted: trickle.posted,
    commentsRefused: trickle.refused,
  };
}

/**
 * POST /api/comments at `origin` for `seconds`, one connection per cookie (a signed-in
 * reader each), the k-th request from `address(k)` with `body(k)`.
 * `rate` caps the comments per second over all connections (default: as fast as answered).
 * @param {{ origin: string, cookies: string[], postId: string, seconds: number, address: (k: number) => string, body: (k: number) => string, rate?: number }} options
 */
export function commentLoad({ origin, cookies, postId, seconds, address, body, rate }) {
  let k = 0;
  return cannon({
    url: `${origin}/api/comments`,
    connections: cookies.length,
    duration: seconds,
    ...(rate ? { overallRate: rate } : {}),
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          k += 1;
          return {
            ...req,
            headers: { 'content-type': 'application/json', 'user-agent': CHROME, cookie: cookies[k % cookies.length], 'x-forwarded-for': address(k) },
            body: JSON.stringify({ postId, body: body(k) }),
          };
        },
      },
    ],
  });
}
