// The summary table (targets beside the figures, PASS/MISS) and the JSON results file.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lighthouseRows } from './lighthouse.mjs';

const fmt = (n, digits = 0) => (n === undefined || n === null || Number.isNaN(n) ? '-' : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const spread = (ratios) => (ratios?.length > 1 ? ` (rounds ${fmt(Math.min(...ratios), 2)}-${fmt(Math.max(...ratios), 2)})` : '');
const mark = (ok) => (ok === undefined ? '' : ok ? 'PASS' : 'MISS');

/** Rows of [what, value, target, verdict]; figures missing for a skipped part are left out. */
export function summaryRows(r) {
  const rows = [];
  if (r.page) {
    const { next, baseline, ratio, roundRatios, loadTool = 'autocannon' } = r.page;
    const failures = next.errors + next.timeouts + next.non2xx;
    rows.push(
      [`post page req/s (mean, ${loadTool})`, `${fmt(next.reqPerSec)} (baseline ${fmt(baseline.reqPerSec)})`, '', ''],
      ['post page ratio next/baseline', fmt(ratio, 2) + spread(roundRatios), '>= 0.30', mark(ratio >= 0.3)],
      ['post page latency p50', `${fmt(next.p50, 1)} ms (baseline ${fmt(baseline.p50, 1)} ms)`, '', ''],
      ['post page latency p99 (worst round)', `${fmt(next.p99, 1)} ms (baseline ${fmt(baseline.p99, 1)} ms)`, '< 100 ms', mark(next.p99 < 100)],
      ['post page errors / timeouts / non-2xx', `${next.errors} / ${next.timeouts} / ${next.non2xx}`, '0', mark(failures === 0)],
      ['server CPU per page request', `${fmt(next.serverCpuMsPerReq, 2)} ms (baseline ${fmt(baseline.serverCpuMsPerReq, 3)} ms)`, '', ''],
    );
  }
  if (r.js) {
    const { external, inline, gzipLevel, ghostKb } = r.js;
    const kb = (b) => fmt(b / 1024, 1);
    rows.push(
      [`JS <script src> (${external.count} files)`, `${kb(external.gzipBytes)} kB gzip-${gzipLevel}, ${kb(external.rawBytes)} kB raw`, '', ''],
      [`JS inline (${inline.count} scripts)`, `${kb(inline.gzipBytes)} kB gzip-${gzipLevel}, ${kb(inline.rawBytes)} kB raw`, '', ''],
      // Whether Ghost's figure is raw or gzipped is not known here, so compare the stricter way: our raw bytes.
      ['JS total raw vs Ghost', `${kb(external.rawBytes + inline.rawBytes)} kB`, `< Ghost ${ghostKb} KB`, mark((external.rawBytes + inline.rawBytes) / 1024 < ghostKb)],
    );
  }
  if (r.views) {
    const { app, naive, ratio, roundRatios } = r.views;
    rows.push(
      ['view beacons/s accepted', `${fmt(app.ratePerSec)} (naive ${fmt(naive.ratePerSec)})`, '>= 3,000', mark(app.ratePerSec >= 3000)],
      ['view ingestion ratio app/naive', fmt(ratio, 2) + spread(roundRatios), '>= 3.00', mark(ratio >= 3)],
      ['views accepted / counted / lost', `${app.accepted} / ${app.counted} / ${app.lost}`, '0 lost', mark(app.lost === 0 && app.accepted > 0)],
      ['beacon errors / timeouts / non-2xx', `${app.errors} / ${app.timeouts} / ${app.non2xx}`, '', ''],
      ['server CPU per beacon (Node only)', `${fmt(app.serverCpuMsPerReq, 2)} ms (naive ${fmt(naive.serverCpuMsPerReq, 2)} ms)`, '', ''],
      ['beacon latency p50 / p99 (worst round)', `${fmt(app.p50, 1)} / ${fmt(app.p99, 1)} ms (naive ${fmt(naive.p50, 1)} / ${fmt(naive.p99, 1)})`, '', ''],
    );
  }
  if (r.comments) {
    const { page, posting, commentsShown } = r.comments;
    const vsFoundation = r.page ? page.next.reqPerSec / r.page.next.reqPerSec : undefined;
    rows.push(
      [`page with ${commentsShown} comments req/s`, `${fmt(page.next.reqPerSec)} (baseline ${fmt(page.baseline.reqPerSec)})`, '', ''],
      ['page with comments ratio app/baseline', fmt(page.ratio, 2) + spread(page.roundRatios), '>= 0.30', mark(page.ratio >= 0.3)],
      ['page with comments vs seed post (same run)', vsFoundation === undefined ? '-' : fmt(vsFoundation, 2), '', ''],
      ['page with comments p99 / errors', `${fmt(page.next.p99, 1)} ms / ${page.next.errors + page.next.timeouts + page.next.non2xx}`, '< 100 ms / 0', mark(page.next.p99 < 100 && page.next.errors + page.next.timeouts + page.next.non2xx === 0)],
      [`comments posted/s (${posting.readers} readers)`, fmt(posting.ratePerSec, 0), '', ''],
      ['comment posting latency p50 / p99', `${fmt(posting.p50, 1)} / ${fmt(posting.p99, 1)} ms`, '', ''],
      // Requests still in flight when the load stops are stored but not counted as answered: at most one per connection.
      ['comments accepted / stored / non-2xx', `${posting.accepted} / ${posting.stored} / ${posting.non2xx}`, 'none lost', mark(posting.accepted > 0 && posting.stored >= posting.accepted && posting.stored <= posting.accepted + posting.readers)],
      ['server CPU per comment', `${fmt(posting.serverCpuMsPerComment, 2)} ms`, '', ''],
    );
    const w = r.comments.underWrites;
    if (w) {
      rows.push(
        [`seed post req/s while ${w.commentsPosted} comments land`, `${fmt(w.busyReqPerSec)} (quiet ${fmt(w.quietReqPerSec)})`, '', ''],
        ['seed post under comments ratio busy/quiet', fmt(w.ratio, 2), '>= 0.50', mark(w.ratio >= 0.5)],
        ['seed post under comments p99 / errors', `${fmt(w.busyP99, 1)} ms / ${w.busyErrors}`, '< 100 ms / 0', mark(w.busyP99 < 100 && w.busyErrors === 0)],
      );
    }
  }
  if (r.signedin) {
    const { signedIn, anonymous, ratio, roundRatios, bytes, connections, tool = 'autocannon' } = r.signedin;
    const failures = signedIn.errors + signedIn.timeouts + signedIn.non2xx;
    rows.push(
      [`signed-in page req/s (${connections} connections, ${tool})`, `${fmt(signedIn.reqPerSec)} (anonymous ${fmt(anonymous.reqPerSec)})`, '', ''],
      ['signed-in / anonymous ratio', fmt(ratio, 3) + spread(roundRatios), '>= 0.05', mark(ratio >= 0.05)],
      ['signed-in p50 / p99 (worst round)', `${fmt(signedIn.p50, 1)} / ${fmt(signedIn.p99, 1)} ms (anonymous ${fmt(anonymous.p50, 1)} / ${fmt(anonymous.p99, 1)})`, '< 100 ms', mark(signedIn.p99 < 100)],
      ['signed-in errors / server CPU per request', `${failures} / ${fmt(signedIn.serverCpuMsPerReq, 2)} ms (anonymous ${fmt(anonymous.serverCpuMsPerReq, 2)} ms)`, '0', mark(failures === 0)],
      ['signed-in / anonymous HTML', `${fmt(bytes.signedIn / 1024)} / ${fmt(bytes.anonymous / 1024)} kB`, '', ''],
    );
  }
  if (r.publish) rows.push(...publishRows(r.publish));
  if (r.autosave) rows.push(...autosaveRows(r.autosave));
  if (r.lighthouse) rows.push(...lighthouseRows(r.lighthouse));
  if (r.mixedMemory) rows.push(...mixedMemoryRows(r.mixedMemory, r.scale ? 'seeded site, ' : ''));
  if (r.memory) rows.push(['server peak RSS (process tree)', `${fmt(r.memory.peakBytes / 1024 / 1024)} MB (${r.memory.processes} processes)`, '', '']);
  return rows;
}

const ms3 = (s) => `${fmt(s.median)} / ${fmt(s.p90)} / ${fmt(s.max)} ms`;

function publishRows(p) {
  const rows = [];
  const seen = (s) => (s.never ? ` (${p.trials - s.never}/${p.trials} seen)` : '');
  for (const [label, part] of [['publish', p.publish], ['edit', p.edit]]) {
    rows.push(
      [`${label}: author's answer, median / p90 / max`, ms3(part.ack), '', ''],
      [`${label} → visible on its page`, ms3(part.post) + seen(part.post), '', ''],
      [`${label} → visible on /`, ms3(part.home) + seen(part.home), '', ''],
    );
  }
  const never = p.publish.post.never + p.publish.home.never + p.edit.post.never + p.edit.home.never;
  rows.push([`changes not visible within 15 s (${p.trials} trials)`, String(never), '0', mark(never === 0)]);
  const early = p.earlyReader.post;
  rows.push(
    ['publish → visible to a reader already on the address', ms3(early) + seen(early), '', ''],
    ['  of which never visible (a cached 404)', `${early.never}/${p.trials}`, '0', mark(early.never === 0)],
  );
  return rows;
}

function clusterRows(c) {
  const { one, two } = c.page;
  const v = c.visibility;
  const ms = (n) => (n === null ? '-' : `${fmt(n)} ms`);
  return [
    ['page req/s: one instance / two behind HAProxy', `${fmt(one.reqPerSec)} / ${fmt(two.reqPerSec)} (×${fmt(two.reqPerSec / one.reqPerSec, 2)})`, '', ''],
    ['page p50 / p99: one / two', `${fmt(one.p50, 1)} / ${fmt(one.p99, 1)} ms; ${fmt(two.p50, 1)} / ${fmt(two.p99, 1)} ms`, '', ''],
    ['page errors+timeouts+non-2xx: one / two', `${one.failures} / ${two.failures}`, '0', mark(one.failures + two.failures === 0)],
    ['comment writes/s: one / two', `${fmt(c.writes.one.ratePerSec)} / ${fmt(c.writes.two.ratePerSec)}`, '', ''],
    ['comments accepted / stored / lost', `${c.writes.one.accepted + c.writes.two.accepted} / ${c.writes.one.stored + c.writes.two.stored} / ${c.writes.one.lost + c.writes.two.lost} (${c.writes.one.inFlightAtEnd + c.writes.two.inFlightAtEnd} stored after the count stopped)`, '0 lost', mark(c.writes.one.lost + c.writes.two.lost === 0)],
    [`visibility A→B p50 / p99 / max (${c.redis ? 'REDIS_URL' : 'no Redis'})`, `${ms(v.p50)} / ${ms(v.p99)} / ${ms(v.max)}`, 'p99 <= 1 s', mark(v.visible > 0 && v.notVisible === 0 && v.p99 <= 1000)],
    ['visibility trials: seen / not within wait', `${v.visible} / ${v.notVisible} (wait ${fmt(v.waitMs)} ms)`, '0 not seen', mark(v.notVisible === 0)],
  ];
}

// Targets of issue 11 for the large site, cold p95 (ms).
const SCALE_TARGETS = { 'search, one common word': 50, 'search, two words': 50, 'search, page 2': 50, 'most-commented post': 50, 'its comment pages': 50, 'admin stats': 200, 'admin posts': 100, 'admin comments': 100 };

function mixedMemoryRows(m, site = '') {
  const non2xx = m.anonymous.non2xx + m.signedIn.non2xx + m.comments.non2xx + m.search.non2xx;
  return [
    [`peak RSS, ${site}${m.seconds} s mixed load (fresh server)`, `${fmt(m.peakMb)} MB (idle ${fmt(m.idleMb)} MB)`, '< 300 MB', mark(m.peakMb < 300)],
    ['  anonymous / signed-in / search req/s', `${fmt(m.anonymous.reqPerSec)} / ${fmt(m.signedIn.reqPerSec)} / ${fmt(m.search.reqPerSec)}`, '', ''],
    ['  comments/s during it; non-2xx (all four)', `${fmt(m.comments.perSec, 1)}; ${non2xx}`, '0 non-2xx', mark(non2xx === 0)],
  ];
}

function scaleRows(s) {
  const cell = (g) => (g ? `${fmt(g.cold.p50, 1)}/${fmt(g.cold.p95, 1)} cold, ${fmt(g.warm.p50, 1)}/${fmt(g.warm.p95, 1)} warm` : '-');
  const rows = [[`scale: p50/p95 ms, seeded → large (${fmt(s.largeSizes.posts)} posts, ${fmt(s.largeSizes.comments)} comments)`, '', '', '']];
  for (const [group, large] of Object.entries(s.large.groups)) {
    const target = SCALE_TARGETS[group];
    rows.push([`  ${group} (${large.cold.n})`, `${cell(s.seeded.groups[group])} → ${cell(large)}`, target ? `cold p95 < ${target} ms` : '', target ? mark(large.cold.p95 < target) : '']);
  }
  const failures = [...s.seeded.failures, ...s.large.failures];
  rows.push(['  answers other than 200', failures.length ? failures.slice(0, 5).join(', ') : 'none', '0', mark(failures.length === 0)]);
  if (s.largeMemory) rows.push(...mixedMemoryRows(s.largeMemory, 'large site, '));
  return rows;
}

function autosaveRows(a) {
  const rows = [['seed post req/s, quiet (before and after)', `${fmt(a.quiet.reqPerSec)} (p99 ${fmt(Math.max(a.quiet.before.p99, a.quiet.after.p99))} ms)`, '', '']];
  for (const [label, p] of [['a draft', a.draft], ['another published post', a.other], ['this post', a.same]]) {
    const errors = p.errors + p.timeouts + p.non2xx;
    const saves = `${p.saves.ok} saved, ${p.saves.conflicts + p.saves.refused + p.saves.failed} not, ${fmt(p.saves.p50)} ms`;
    rows.push(
      [`seed post while ${label} autosaves: req/s busy/quiet`, `${fmt(p.reqPerSec)}, ${fmt(p.ratio, 2)} (${saves})`, '>= 0.50', mark(p.ratio >= 0.5)],
      [`  p99 / errors+timeouts+non-2xx`, `${fmt(p.p99, 1)} ms / ${errors}`, '< 100 ms / 0', mark(p.p99 < 100 && errors === 0)],
    );
  }
  return rows;
}

export function printSummary(r) {
  const rows = [['measure', 'figure', 'target', ''], ...summaryRows(r), ...(r.cluster ? clusterRows(r.cluster) : []), ...(r.scale ? scaleRows(r.scale) : [])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  console.log(`\nQuire bench, ${r.date}, ${r.machine.cpus} cores, ${r.server}, load tool on the same machine`);
  // Other work on the machine skews absolute figures (ratios less so): show how busy it was.
  console.log(`load average (1 min) at start ${fmt(r.machine.loadavg[0], 2)}, at end ${fmt(r.machine.loadavgEnd?.[0], 2)}`);
  console.log(line(rows[0]));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows.slice(1)) console.log(line(row));
  if (r.page) {
    console.log(`\npost page headers on a repeat request: ${JSON.stringify(r.page.headersOnSecondRequest)}`);
    console.log(`x-nextjs-cache seen by a 4/s probe during the measured run: ${JSON.stringify(r.page.next.cacheProbe)}`);
    console.log(`JavaScript: Ghost ships ${r.js?.ghostKb ?? 886} KB on a post page; Quire ${r.js ? `${fmt((r.js.external.gzipBytes + r.js.inline.gzipBytes) / 1024, 1)} kB gzipped (external + inline), ${fmt((r.js.external.rawBytes + r.js.inline.rawBytes) / 1024, 1)} kB raw` : '(not measured)'}`);
  }
  if (r.publish) {
    for (const line of [...r.publish.publish.stuck, ...r.publish.edit.stuck]) console.log(`not visible within 15 s: ${line}`);
    // One line per distinct answer: the trials stuck on the same cached 404 look alike.
    const served = {};
    for (const line of r.publish.earlyReader.stuck) {
      const what = line.replace(/^trial \d+, /, '');
      served[what] = (served[what] ?? 0) + 1;
    }
    for (const [what, n] of Object.entries(served)) console.log(`publish with a reader already on the address, ${n} trials never showed it; still served: ${what}`);
  }
  if (r.autosave) for (const phase of ['draft', 'other', 'same']) console.log(`autosave (${phase}): seed post cache probe ${JSON.stringify(r.autosave[phase].cacheProbe)}`);
}

export function writeResults(r, dir) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'latest.json');
  writeFileSync(file, `${JSON.stringify(r, null, 2)}\n`);
  return file;
}
