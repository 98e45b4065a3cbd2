// Side by side on a noisy machine: the app and its baseline run in alternating rounds
// (A B A B …), so that a burst of other work on the machine hits both alike, and their
// rounds are merged. The spread of the per-round ratios shows how noisy the run was.

/** Runs runA(i) and runB(i) alternately for `rounds` rounds. */
export async function alternate(rounds, runA, runB) {
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i += 1) {
    a.push(await runA(i));
    b.push(await runB(i));
  }
  const ratios = a.map((r, i) => (b[i].ratePerSec > 0 ? r.ratePerSec / b[i].ratePerSec : 0));
  return { a: merge(a), b: merge(b), roundRatios: ratios };
}

const sum = (list, key) => list.reduce((s, r) => s + (r[key] ?? 0), 0);
const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * Merges rounds: rates from totals over time; p50 is the median of the rounds' p50 and
 * p99 the worst round's p99 (autocannon gives no histogram to merge, so be conservative).
 */
export function merge(results) {
  const seconds = sum(results, 'seconds');
  const total = sum(results, 'total');
  const ok2xx = sum(results, 'ok2xx');
  const merged = {
    total,
    ok2xx,
    seconds,
    reqPerSec: seconds > 0 ? total / seconds : 0,
    ratePerSec: seconds > 0 ? ok2xx / seconds : 0,
    p50: median(results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: sum(results, 'errors'),
    timeouts: sum(results, 'timeouts'),
    non2xx: sum(results, 'non2xx'),
    serverCpuMsPerReq: total > 0 ? sum(results, 'serverCpuMs') / total : 0,
    rounds: results.map((r) => ({ ratePerSec: Math.round(r.ratePerSec), p50: r.p50, p99: r.p99 })),
  };
  for (const key of ['accepted', 'counted', 'events', 'lost']) if (key in results[0]) merged[key] = sum(results, key);
  const probes = results.map((r) => r.cacheProbe).filter(Boolean);
  if (probes.length) {
    merged.cacheProbe = {};
    for (const p of probes) for (const [k, v] of Object.entries(p)) merged.cacheProbe[k] = (merged.cacheProbe[k] ?? 0) + v;
  }
  return merged;
}
