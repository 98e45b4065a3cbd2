// `npm run bench -- --scale`: the seeded site and the large site (scripts/lib/large-data.mjs:
// 100,000 posts, 1,000,000 comments, 10,000,000 view events) side by side. Each site gets a
// freshly started server; one URL of each route outside the measured set is fetched first
// (loading the route's code), then every URL once in turn (cold: the server has never
// rendered it, its database is warm), then once more (warm). p50/p95 per group of URLs.
// The large database takes minutes to write: --scale-db names one made by
// `npm run seed:large` to reuse it (it is never dropped); without it the bench writes one.
import { encode } from 'next-auth/jwt';
import { dropDatabase, ensureDatabase, migrate, seed } from '../../scripts/db.mjs';
import { withDatabase } from '../../scripts/lib/cli.mjs';
import { generateLargeData, HOT_POST_ID, LARGE_DEFAULTS } from '../../scripts/lib/large-data.mjs';
import { CONTENT_WORDS } from '../../scripts/lib/vocabulary.mjs';
import { COMMENTED_SLUG } from './comments.mjs';
import { benchMemory } from './memory.mjs';
import { withClient } from './editor.mjs';
import { request } from './load.mjs';
import { stopChild } from './procs.mjs';
import { startApp } from './setup.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

const VISIBLE = `status IN ('PUBLISHED', 'SCHEDULED') AND published_at <= now() AND deleted_at IS NULL`;
const BLOG_DEPTHS = [10, 100, 1000, 5000, 20_000, 50_000, 90_000];
// The /blog cursor, as lib/validations/listing.ts encodes it.
const cursor = (publishedAt, id) => Buffer.from(`${publishedAt.toISOString()}|${id}`, 'utf8').toString('base64url');
const q = (words) => `/search?q=${encodeURIComponent(words)}`;

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);

/** The URLs measured on one site, by group, and the seed admin's id (for /admin/stats). */
async function siteUrls(url) {
  return withClient(url, async (db) => {
    const hot = await db.query(`SELECT slug FROM posts WHERE id = $1 UNION ALL SELECT slug FROM posts WHERE slug = $2 LIMIT 1`, [HOT_POST_ID, COMMENTED_SLUG]);
    const hotSlug = hot.rows[0].slug;
    const posts = await db.query(`SELECT slug FROM posts WHERE ${VISIBLE} AND slug <> $1 ORDER BY md5(id) LIMIT 31`, [hotSlug]);
    const [spare, ...sample] = posts.rows.map((r) => r.slug);
    const { rows: [{ n }] } = await db.query(`SELECT count(*)::int AS n FROM posts WHERE ${VISIBLE}`);
    const deep = [];
    for (const depth of BLOG_DEPTHS.filter((d) => d < n)) {
      const { rows } = await db.query(`SELECT published_at, id FROM posts WHERE ${VISIBLE} ORDER BY published_at DESC, id DESC OFFSET $1 LIMIT 1`, [depth]);
      deep.push(`/blog?cursor=${cursor(rows[0].published_at, rows[0].id)}`);
    }
    const admin = await db.query(`SELECT id, name FROM users WHERE role = 'ADMIN' ORDER BY created_at LIMIT 1`);
    const words = CONTENT_WORDS.slice(0, 15);
    return {
      admin: admin.rows[0],
      hotSlug,
      // One URL of each route outside the measured set, fetched first: a fresh server's first
      // request to a route loads its code, a cost of the start rather than of the data. Search
      // gets five words with matches (none of the measured ones): on a fresh server the first
      // four searches that find something took 48–62 ms and the later ones 34–50 on the large
      // site (V8 still compiling the render path), the seeded site alike.
      warmup: [...CONTENT_WORDS.slice(40, 45).map((w) => q(w)), `/post/${spare}`, `/post/${spare}/comments?page=2`, '/blog', '/admin/stats?period=warmup', '/admin/posts?filter=trash', '/admin/comments?filter=warmup'],
      groups: {
        'search, one common word': words.map((w) => q(w)),
        'search, two words': words.map((w, i) => q(`${w} ${CONTENT_WORDS[15 + i]}`)),
        'search, page 2': words.slice(0, 10).map((w) => `${q(w)}&page=2`),
        'post pages': sample.map((slug) => `/post/${slug}`),
        'most-commented post': [`/post/${hotSlug}`],
        'its comment pages': [2, 3, 5, 10, 20, 50, 100].map((p) => `/post/${hotSlug}/comments?page=${p}`),
        'deep /blog pages': deep,
        sitemap: ['/sitemap.xml'],
        'admin stats': ['/admin/stats', '/admin/stats?period=7', '/admin/stats?period=90', '/admin/stats?period=all', `/admin/stats?post=${hotSlug}`],
        'admin posts': ['/admin/posts', '/admin/posts?filter=published', '/admin/posts?filter=drafts', '/admin/posts?page=2', '/admin/posts?page=20'],
        'admin comments': ['/admin/comments', '/admin/comments?filter=all', '/admin/comments?filter=reported', '/admin/comments?page=2', '/admin/comments?filter=all&page=20'],
      },
    };
  });
}

/** Every URL once, one at a time (as the seed admin under /admin); milliseconds per group and any non-200 answers. */
async function pass(origin, groups, cookie) {
  const times = {};
  const failures = [];
  for (const [group, urls] of Object.entries(groups)) {
    times[group] = [];
    for (const path of urls) {
      const headers = path.startsWith('/admin') ? { cookie } : {};
      const started = performance.now();
      const res = await request(`${origin}${path}`, { headers });
      times[group].push(performance.now() - started);
      if (res.status !== 200) failures.push(`${res.status} ${path}`);
    }
  }
  return { times, failures };
}

const round = (ms) => Math.round(ms * 10) / 10;

const summarize = (ms) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

async function measureSite({ name, url, flags, say }) {
  const { groups, admin, hotSlug, warmup } = await siteUrls(url);
  // --cpu-prof-dir: one profile per site's server (the times then include the profiler's cost).
  const cpuProfDir = flags.cpuProfDir ? `${flags.cpuProfDir}/${name}` : '';
  const app = await startApp({ databaseUrl: url, server: flags.server, cpuProfDir });
  try {
    const cookie = `${SESSION_COOKIE}=${await encode({ token: { sub: admin.id, name: admin.name }, secret: app.authSecret, maxAge: 3600 })}`;
    say(`scale, ${name} site: ${Object.values(groups).flat().length} URLs cold, then warm (${app.label})`);
    await pass(app.origin, { warmup }, cookie);
    const cold = await pass(app.origin, groups, cookie);
    const warm = await pass(app.origin, groups, cookie);
    const out = { hotSlug, failures: [...new Set([...cold.failures, ...warm.failures])], groups: {} };
    // Each URL's own times too (bench/results/latest.json): a group's p95 of a few URLs is its slowest one, and which one it is says why.
    for (const group of Object.keys(groups)) {
      const each = groups[group].map((path, i) => ({ path, cold: round(cold.times[group][i]), warm: round(warm.times[group][i]) }));
      out.groups[group] = { cold: summarize(cold.times[group]), warm: summarize(warm.times[group]), each };
    }
    return out;
  } finally {
    await stopChild(app.child);
  }
}

/** A large database of its own (dropped at the end), or the one --scale-db names. */
async function largeDatabase({ seededUrl, scaleDb, say }) {
  if (scaleDb) return { url: scaleDb, teardown: async () => {} };
  const url = withDatabase(seededUrl, `${new URL(seededUrl).pathname.slice(1)}_large`);
  await ensureDatabase(url);
  const teardown = () => dropDatabase(url);
  try {
    await migrate(url);
    await seed(url);
    say(`scale: writing the large site (${JSON.stringify(LARGE_DEFAULTS)}), minutes`);
    const { timings } = await withClient(url, (client) => generateLargeData(client, LARGE_DEFAULTS));
    say(`scale: large site written: ${JSON.stringify(timings)} ms`);
    return { url, teardown };
  } catch (error) {
    await teardown();
    throw error;
  }
}

export async function benchScale({ seededUrl, flags, say }) {
  const large = await largeDatabase({ seededUrl, scaleDb: flags.scaleDb, say });
  try {
    const seeded = await measureSite({ name: 'seeded', url: seededUrl, flags, say });
    const largeSite = await measureSite({ name: 'large', url: large.url, flags, say });
    // Peak memory under the mixed load with 100,000 posts to read (every post page a miss).
    const largeMemory = await benchMemory({ databaseUrl: large.url, flags, say });
    const sizes = await withClient(large.url, async (db) => (await db.query(
      `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM comments)::int AS comments,
              (SELECT reltuples::bigint FROM pg_class WHERE relname = 'post_view_events') AS view_events`,
    )).rows[0]);
    return { seeded, large: largeSite, largeSizes: sizes, largeMemory };
  } finally {
    await large.teardown();
  }
}
