// Load generation (autocannon's programmatic API) and raw HTTP fetches. Raw node:http
// rather than fetch(): fetch adds Accept-Encoding and decompresses, and the baseline
// must replay the exact bytes the load tool receives.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import autocannon from 'autocannon';

/** GET/POST without any header we did not ask for. Resolves { status, headers, body: Buffer }. */
export function request(url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer in 30 s`)));
    req.end(body);
  });
}

/** Runs autocannon and returns the figures the bench reports. */
export async function cannon(options) {
  const result = await autocannon({ timeout: 10, ...options });
  const total2xx = result['2xx'];
  return {
    reqPerSec: result.requests.mean,
    total: result.requests.total,
    ok2xx: total2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    latencyMean: result.latency.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    seconds: result.duration,
    // Sent over the whole run, counting in-flight requests answered after the last sample.
    ratePerSec: result.duration > 0 ? total2xx / result.duration : 0,
  };
}

const WRK_SCRIPT = fileURLToPath(new URL('./wrk-report.lua', import.meta.url));

/**
 * The load tool of the parts that measure one page's throughput (page, signedin): wrk when
 * installed, unless --load-tool autocannon. autocannon's own CPU for a large page is most of
 * a core of this 2-core machine and part of what it measures (see `wrk` below).
 * @param {{ loadTool?: string }} flags @returns {'wrk' | 'autocannon'}
 */
export const loadToolFor = (flags) => (flags.loadTool === 'autocannon' || !wrkPath() ? 'autocannon' : 'wrk');

/** The load function of `tool` (same options and figures either way). @param {'wrk' | 'autocannon'} tool */
export const loadWith = (tool) => (tool === 'wrk' ? wrk : cannon);

/** wrk's path when it is installed (Debian: `apt-get install wrk`), else null. */
export function wrkPath() {
  return ['/usr/bin/wrk', '/usr/local/bin/wrk'].find((p) => existsSync(p)) ?? null;
}

/**
 * The same figures as `cannon`, measured by wrk (one thread, C): autocannon decodes every
 * response body into a JavaScript string (its request queue's `body += chunk`), which on this
 * 2-core machine took most of a core for a 545 kB page of UTF-8 text (4.5 ms of its CPU per
 * answer against 0.5 ms for as many ASCII bytes) and put its own wait into the latencies
 * measured. Its README recommends wrk where it saturates the CPU.
 * @param {{ url: string, connections: number, duration: number, headers?: Record<string, string> }} options
 */
export async function wrk({ url, connections, duration, headers = {} }) {
  const binary = wrkPath();
  if (!binary) throw new Error('bench: wrk is not installed (apt-get install wrk)');
  const args = ['-t1', `-c${connections}`, `-d${duration}s`, '--timeout', '10s', '-s', WRK_SCRIPT, ...Object.entries(headers).flatMap(([name, value]) => ['-H', `${name}: ${value}`]), url];
  const { stdout } = await promisify(execFile)(binary, args, { maxBuffer: 1 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith('{"wrk"'));
  if (!line) throw new Error(`bench: wrk printed no summary:\n${stdout}`);
  const r = JSON.parse(line);
  const seconds = r.duration_us / 1e6;
  const errors = r.connect + r.read + r.write;
  const ok2xx = r.requests - r.status - errors;
  return {
    reqPerSec: r.requests / seconds,
    total: r.requests,
    ok2xx,
    p50: r.p50_us / 1000,
    p99: r.p99_us / 1000,
    latencyMean: r.mean_us / 1000,
    errors,
    timeouts: r.timeout,
    non2xx: r.status,
    seconds,
    ratePerSec: ok2xx / seconds,
  };
}
