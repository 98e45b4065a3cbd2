// Part "signedin": the post page with 200 comments (COMMENTED_SLUG, 50 threads shown) for a
// signed-in reader against the same page anonymous, in alternating rounds of the same run
// at 10 connections. The reader is one of the bench readers who wrote 10 of those comments,
// so the page carries their own Delete buttons and Edit links. The ratio signed-in / anonymous req/s is the
// figure (target ≥ 0.05, p99 < 100 ms); the pages' sizes are printed beside it.
import { encode } from 'next-auth/jwt';
import { gunzipSync } from 'node:zlib';
import pg from 'pg';
import { COMMENTED_SLUG } from './comments.mjs';
import { cannon, loadToolFor, loadWith, request } from './load.mjs';
import { treeUsage } from './procs.mjs';
import { alternate } from './rounds.mjs';
import { SESSION_COOKIE } from '../../lib/cookie-names.mjs';

export const SIGNED_IN_CONNECTIONS = 10;

/** A session cookie for the first bench reader (who wrote some of the page's comments). */
async function readerCookie(databaseUrl, authSecret) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT id, name FROM users WHERE email LIKE '%@bench.example' ORDER BY name LIMIT 1");
    const user = rows[0];
    if (!user) throw new Error('bench: no bench reader in the database');
    return `${SESSION_COOKIE}=${await encode({ token: { sub: user.id, name: user.name }, secret: authSecret, maxAge: 3600 })}`;
  } finally {
    await client.end();
  }
}

async function measure(tool, url, headers, seconds, pid) {
  const cpuBefore = treeUsage(pid).cpuSeconds;
  const result = await loadWith(tool)({ url, connections: SIGNED_IN_CONNECTIONS, duration: seconds, headers });
  result.serverCpuMs = (treeUsage(pid).cpuSeconds - cpuBefore) * 1000;
  return result;
}

export async function benchSignedIn({ app, databaseUrl, flags, say }) {
  const url = `${app.origin}/post/${COMMENTED_SLUG}`;
  const cookie = await readerCookie(databaseUrl, app.authSecret);
  const anonymous = flags.gzip ? { 'accept-encoding': 'gzip' } : {};
  const signedIn = { ...anonymous, cookie };
  const [anonPage, signedPage] = [await request(url, { headers: anonymous }), await request(url, { headers: signedIn })];
  for (const [who, res] of [['anonymous', anonPage], ['signed-in', signedPage]]) {
    if (res.status !== 200) throw new Error(`GET ${url} (${who}) answered ${res.status}`);
  }
  // With --gzip the pages come compressed: sizes are what was sent, the checks read the HTML.
  const html = (signedPage.headers['content-encoding'] === 'gzip' ? gunzipSync(signedPage.body) : signedPage.body).toString('utf8');
  // The signed-in page must be the reader's own: it carries the comment form and their delete buttons.
  if (!html.includes('data-testid="comment-form"')) throw new Error('bench: the signed-in page has no comment form (the session was not taken)');
  const deleteForms = (html.match(/>Delete<\/button>/g) ?? []).length;
  say(`signed-in page: ${signedPage.body.length} bytes (${deleteForms} own delete buttons; served ${signedPage.headers['x-quire-cache'] ?? 'by Next'}), anonymous ${anonPage.body.length} bytes`);
  const seconds = flags.duration / flags.rounds;
  if (flags.warmup > 0) {
    say(`warm-up: ${flags.warmup} s each, ${SIGNED_IN_CONNECTIONS} connections`);
    await cannon({ url, connections: SIGNED_IN_CONNECTIONS, duration: flags.warmup, headers: anonymous });
    await cannon({ url, connections: SIGNED_IN_CONNECTIONS, duration: flags.warmup, headers: signedIn });
  }
  // wrk when installed, both pages alike (./load.mjs loadToolFor).
  const tool = loadToolFor(flags);
  say(`load: signed-in vs anonymous, ${flags.rounds} alternating rounds of ${seconds} s, ${SIGNED_IN_CONNECTIONS} connections, ${tool}`);
  const { a: signed, b: anon, roundRatios } = await alternate(
    flags.rounds,
    () => measure(tool, url, signedIn, seconds, app.child.pid),
    () => measure(tool, url, anonymous, seconds, app.child.pid),
  );
  return {
    url: `/post/${COMMENTED_SLUG}`,
    connections: SIGNED_IN_CONNECTIONS,
    tool,
    bytes: { signedIn: signedPage.body.length, anonymous: anonPage.body.length },
    ownDeleteButtons: deleteForms,
    signedIn: signed,
    anonymous: anon,
    ratio: anon.reqPerSec > 0 ? signed.reqPerSec / anon.reqPerSec : 0,
    roundRatios,
  };
}
