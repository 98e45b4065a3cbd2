// Part 1: the post page under load, against a bare node:http server sending the same bytes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { getFreePort } from '../../scripts/embedded-db.mjs';
import { cannon, loadToolFor, loadWith, request } from './load.mjs';
import { startChild, stopChild, treeUsage, waitForHttp } from './procs.mjs';
import { alternate } from './rounds.mjs';

const BASELINE = path.join(import.meta.dirname, '..', 'baseline-server.mjs');

/** Headers that say how Next served the page: from the prerender cache or rendered now. */
const DIAGNOSTIC_HEADERS = ['x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time', 'x-quire-cache', 'cache-control', 'content-encoding', 'vary'];

export async function benchPage({ app, slug, flags, tmpDir, say }) {
  const url = `${app.origin}/post/${slug}`;
  const headers = flags.gzip ? { 'accept-encoding': 'gzip' } : {};
  const first = await request(url, { headers });
  if (first.status !== 200) throw new Error(`GET ${url} answered ${first.status}`);
  const second = await request(url, { headers }); // after one request: cache state in steady use
  const served = Object.fromEntries(DIAGNOSTIC_HEADERS.filter((h) => second.headers[h] !== undefined).map((h) => [h, second.headers[h]]));
  say(`post page: ${second.body.length} bytes, ${JSON.stringify(served)}`);

  // The baseline replays the exact bytes the load tool gets from Next.
  const bodyFile = path.join(tmpDir, 'post.html');
  writeFileSync(bodyFile, second.body);
  const port = await getFreePort();
  const args = [BASELINE, bodyFile, second.headers['content-type'] ?? 'text/html', ...(second.headers['content-encoding'] ? [second.headers['content-encoding']] : [])];
  const baseline = startChild(process.execPath, args, { env: { PORT: String(port) } });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/`, baseline);
    // wrk when installed, for both servers alike (./load.mjs loadToolFor).
    const tool = loadToolFor(flags);
    const settings = { connections: flags.connections, seconds: flags.duration / flags.rounds, headers, tool };
    const baseUrl = `http://127.0.0.1:${port}/post/${slug}`;
    say(`warm-up: ${flags.warmup} s each, ${flags.connections} connections`);
    if (flags.warmup > 0) {
      await cannon({ url, connections: flags.connections, duration: flags.warmup, headers });
      await cannon({ url: baseUrl, connections: flags.connections, duration: flags.warmup, headers });
    }
    say(`load: ${app.label} vs baseline node:http, ${flags.rounds} alternating rounds of ${settings.seconds} s each, ${tool}`);
    const { a: next, b: base, roundRatios } = await alternate(
      flags.rounds,
      () => measure(url, settings, app.child.pid, true),
      () => measure(baseUrl, settings, baseline.pid, false),
    );
    const after = await request(url, { headers });
    const afterHeaders = Object.fromEntries(DIAGNOSTIC_HEADERS.filter((h) => after.headers[h] !== undefined).map((h) => [h, after.headers[h]]));

    return {
      url: `/post/${slug}`,
      bytes: second.body.length,
      contentType: second.headers['content-type'],
      headersOnSecondRequest: served,
      headersAfterLoad: afterHeaders,
      next,
      baseline: base,
      ratio: base.reqPerSec > 0 ? next.reqPerSec / base.reqPerSec : 0,
      roundRatios,
      loadTool: tool,
    };
  } finally {
    await stopChild(baseline);
  }
}

/** One measured round, with the server's CPU time (for CPU per request). */
async function measure(url, { connections, seconds, headers, tool }, serverPid, probe) {
  const cpuBefore = treeUsage(serverPid).cpuSeconds;
  const prober = probe ? probeCache(url, headers) : null;
  const result = await loadWith(tool)({ url, connections, duration: seconds, headers });
  if (prober) result.cacheProbe = await prober.stop();
  // CPU per request says where the server's time goes better than latency does on a
  // 2-core machine shared with the load tool.
  result.serverCpuMs = (treeUsage(serverPid).cpuSeconds - cpuBefore) * 1000;
  return result;
}

/**
 * During the measured run, one extra request every 250 ms records x-nextjs-cache (HIT,
 * STALE, MISS…): how often Next answered from its cache versus re-rendering.
 */
export function probeCache(url, headers) {
  const seen = {};
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const res = await request(url, { headers }).catch(() => null);
      // Behind the microcache, x-nextjs-cache is the header Next sent when the entry was stored.
      const micro = res?.headers['x-quire-cache'] ? `microcache ${res.headers['x-quire-cache']}, stored ` : '';
      const key = res ? `${micro}${res.headers['x-nextjs-cache'] ?? 'none'}` : 'error';
      seen[key] = (seen[key] ?? 0) + 1;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      return seen;
    },
  };
}
