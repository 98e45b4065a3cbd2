// Part `memory` (issue 11, "memory bounded"): the production server's peak RSS (the whole
// process tree, sampled every 100 ms) through a mixed load, all at once on a freshly
// started server: anonymous readers across every post and list page, signed-in readers on
// post pages, readers posting comments (two a second), and searches for ever-different words (each a
// cache miss). Target: peak < 300 MB with the default heap limit (server/heap.mjs).
import { cannon } from './load.mjs';
import { commentLoad } from './comments.mjs';
import { createStaff, removeStaff, withClient } from './editor.mjs';
import { sampleMemory, stopChild, treeUsage } from './procs.mjs';
import { startApp } from './setup.mjs';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const WORDS = ['project', 'risk', 'career', 'office', 'portfolio', 'team', 'plan', 'value', 'report', 'change', 'budget', 'agile', 'scope', 'quality', 'meeting', 'sponsor'];
const MB = 1024 * 1024;

/** Round-robin GETs over `paths`, with `headers` on each. */
function pathLoad({ origin, paths, headers = {}, connections, seconds }) {
  let k = 0;
  return cannon({
    url: origin,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length], headers: { ...headers, 'user-agent': CHROME } }) }],
  });
}

export async function benchMemory({ databaseUrl, flags, say }) {
  const seconds = flags.memorySeconds;
  const { posts, categories } = await withClient(databaseUrl, async (db) => ({
    posts: (await db.query("SELECT slug, id FROM posts WHERE status = 'PUBLISHED' AND deleted_at IS NULL ORDER BY published_at DESC")).rows,
    categories: (await db.query('SELECT slug FROM categories')).rows,
  }));
  const postPaths = posts.map((p) => `/post/${p.slug}`);
  const listPaths = ['/', '/blog', '/rss.xml', '/sitemap.xml', ...categories.map((c) => `/blog/categories/${c.slug}`)];
  const app = await startApp({ databaseUrl, server: 'quire' });
  const readers = await Promise.all([1, 2, 3, 4].map(() => createStaff(databaseUrl, app.authSecret, 'MEMBER')));
  try {
    const idle = treeUsage(app.child.pid).rssBytes;
    const memory = sampleMemory(app.child.pid, 100);
    say(`memory: ${seconds} s of anonymous, signed-in, comment and search load at once on a fresh server`);
    let q = 0;
    const [anonymous, signedIn, comments, search] = await Promise.all([
      pathLoad({ origin: app.origin, paths: [...postPaths, ...listPaths], connections: 10, seconds }),
      pathLoad({ origin: app.origin, paths: postPaths, headers: { cookie: readers[0].cookie }, connections: 4, seconds }),
      commentLoad({
        origin: app.origin,
        cookies: readers.slice(1).map((r) => r.cookie),
        postId: posts[0].id,
        seconds,
        // Two a second, as on a busy blog: each new comment expires the counters every page shows.
        rate: 2,
        address: (k) => `10.9.${Math.floor(k / 250) % 250}.${k % 250}`,
        body: (k) => `Memory bench comment ${k}: ${WORDS[k % WORDS.length]} and ${WORDS[(k * 7) % WORDS.length]}.`,
      }),
      cannon({
        url: app.origin,
        connections: 4,
        duration: seconds,
        requests: [
          {
            method: 'GET',
            setupRequest: (req) => {
              q += 1;
              const words = `${WORDS[q % WORDS.length]} ${WORDS[Math.floor(q / WORDS.length) % WORDS.length]}${q}`;
              return { ...req, path: `/search?q=${encodeURIComponent(words)}`, headers: { 'user-agent': CHROME } };
            },
          },
        ],
      }),
    ]);
    const { peakBytes, samples } = memory.stop();
    const result = {
      seconds,
      idleMb: idle / MB,
      peakMb: peakBytes / MB,
      samples,
      targetMb: 300,
      anonymous: { reqPerSec: anonymous.reqPerSec, p99: anonymous.p99, non2xx: anonymous.non2xx },
      signedIn: { reqPerSec: signedIn.reqPerSec, p99: signedIn.p99, non2xx: signedIn.non2xx },
      comments: { perSec: comments.ratePerSec, p99: comments.p99, non2xx: comments.non2xx },
      search: { reqPerSec: search.reqPerSec, p99: search.p99, non2xx: search.non2xx },
    };
    say(`memory: idle ${result.idleMb.toFixed(0)} MB, peak ${result.peakMb.toFixed(0)} MB (target < 300 MB) over ${samples} samples`);
    return result;
  } finally {
    await stopChild(app.child);
    for (const reader of readers) await removeStaff(databaseUrl, reader).catch(() => {});
  }
}
