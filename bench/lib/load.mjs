// Load generation (autocannon's programmatic API) and raw HTTP fetches. Raw node:http
// rather than fetch(): fetch adds Accept-Encoding and decompresses, and the baseline
// must replay the exact bytes the load tool receives.
import http from 'node:http';
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
