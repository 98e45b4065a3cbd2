// Scheduled publishing (npm run bench -- --only scheduled): N drafts scheduled for one
// moment T, a few seconds ahead, then readers poll each post's page and the home page
// until the post shows there. Latency = when it first showed − T. The posts are scheduled
// the way the admin's Schedule does it in the database: status, time and the post's
// publish_due job (key publish:<id>, run at T) in one transaction (lib/dal/enqueue-jobs.ts);
// the server's job worker does the rest. Target (issue 10): by T + 1 s on one instance.
import { randomUUID } from 'node:crypto';
import { request } from './lib/load.mjs';
import { withClient } from './lib/editor.mjs';

const LEAD_MS = 4000; // T is this far ahead when the posts are scheduled

/** Percentile (nearest rank) of sorted numbers. */
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;

async function schedule(databaseUrl, count) {
  return withClient(databaseUrl, async (db) => {
    const { rows } = await db.query(`SELECT id FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1`);
    const authorId = rows[0]?.id;
    if (!authorId) throw new Error('scheduled: the bench database has no admin (seed it)');
    const at = new Date(Date.now() + LEAD_MS);
    const posts = [];
    await db.query('BEGIN');
    for (let i = 0; i < count; i += 1) {
      const id = `s${randomUUID().replaceAll('-', '').slice(0, 24)}`;
      const slug = `scheduled-bench-${id}`;
      const title = `Scheduled bench ${id.slice(-6)}`;
      await db.query(
        `INSERT INTO posts (id, slug, title, body, status, published_at, author_id, updated_at) VALUES ($1, $2, $3, 'Scheduled body.', 'SCHEDULED', $4, $5, now())`,
        [id, slug, title, at, authorId],
      );
      await db.query(`SELECT graphile_worker.add_job('publish_due', json_build_object('postId', $1::text), run_at => $2, job_key => 'publish:' || $1)`, [id, at]);
      posts.push({ id, slug, title });
    }
    await db.query('COMMIT');
    // The home page lists the newest postsPerPage posts (same time: the larger id first); only those are looked for there.
    const setting = await db.query(`SELECT value FROM settings WHERE key = 'postsPerPage'`);
    const perPage = Number(setting.rows[0]?.value ?? 9);
    const onHome = new Set([...posts].sort((a, b) => (a.id < b.id ? 1 : -1)).slice(0, perPage).map((p) => p.id));
    return { at: at.getTime(), posts: posts.map((p) => ({ ...p, onHome: onHome.has(p.id) })) };
  });
}

/** Polls `url` every `pollMs` until `shows(body, status)`; returns the time the answer that showed it was asked for. */
async function firstShown(url, shows, pollMs, deadline) {
  while (Date.now() < deadline) {
    const sent = Date.now();
    const res = await request(url).catch(() => null);
    if (res && shows(res.body.toString('utf8'), res.status)) return sent;
    await new Promise((r) => setTimeout(r, Math.max(0, pollMs - (Date.now() - sent))));
  }
  return null;
}

export async function benchScheduled({ app, databaseUrl, flags, say }) {
  const count = flags.posts;
  const pollMs = Math.max(flags.pollMs, 20);
  const { at, posts } = await schedule(databaseUrl, count);
  say(`scheduled: ${count} posts for T = now + ${LEAD_MS / 1000} s; readers poll every ${pollMs} ms`);
  const deadline = at + 30_000;
  const results = await Promise.all(
    posts.map(async (post) => {
      const [page, home] = await Promise.all([
        firstShown(`${app.origin}/post/${post.slug}`, (body, status) => status === 200 && body.includes(post.title), pollMs, deadline),
        post.onHome ? firstShown(`${app.origin}/`, (body) => body.includes(post.slug), pollMs, deadline) : null,
      ]);
      return { page: page === null ? null : page - at, home: home === null ? null : home - at, onHome: post.onHome };
    }),
  );
  const summary = (key) => {
    const expected = key === 'home' ? results.filter((r) => r.onHome) : results;
    const seen = expected.map((r) => r[key]).filter((v) => v !== null).sort((a, b) => a - b);
    return { shown: seen.length, of: expected.length, p50Ms: pct(seen, 50), p90Ms: pct(seen, 90), maxMs: seen.at(-1) ?? null };
  };
  const out = { posts: count, pollMs, page: summary('page'), home: summary('home'), targetMs: 1000 };
  say(`scheduled: post page ${JSON.stringify(out.page)}; home page ${JSON.stringify(out.home)}`);
  return out;
}
