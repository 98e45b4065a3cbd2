// Part `lighthouse` (issue 12): Lighthouse 12's four categories (performance, accessibility,
// best practices, SEO) for the home page and the post page, as Lighthouse scores by default:
// a mobile device on a throttled network and CPU (simulated). Each page is fetched once first,
// so the server's caches are warm, as for any visitor after the first. Not in the default
// parts: it takes a minute or two and its performance score moves from run to run (0.86–0.99
// on the same page on a quiet machine), so each page is run --lighthouse-runs times and the
// run with the median performance score is reported, as Lighthouse's guidance on variability
// advises; a run that ends in a runtime error (NO_NAVSTART, once in 5–10 runs with Chromium 156)
// is counted and left out (lighthouse/core/lib/median-run.js's filterToValidRuns).
//
// CPU throttling: Lighthouse's default is a 4× slowdown of the host, made for a high-end
// desktop (BenchmarkIndex 1500–2000) to stand for a mid-tier phone. Its docs
// (docs/throttling.md, "Calibrating the CPU slowdown") say to lower it on a weaker host and link
// a calculator from BenchmarkIndex to multiplier (calibratedMultiplier below); PageSpeed
// Insights itself runs at 1.2× on its hosts since Lighthouse 12.2.3. `--lighthouse-cpu
// calibrated` measures the host's BenchmarkIndex with one unreported run first and uses the
// calculator's multiplier; the default stays Lighthouse's 4×. Every report prints the index and
// the multiplier used. The median run's whole report is written to
// bench/results/lighthouse-<page>.json (open it in the Lighthouse viewer, or read its audits'
// details: the LCP's phases, the long tasks by script, the requests).
//
// Baselines (./lighthouse-baselines.mjs, on unless --no-lighthouse-baselines): each run of the
// app is followed by a run of the same bytes served from memory and one of that copy with its
// HTML and CSS only, so each page's report says what is the app's, the framework's and the host's.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filterToValidRuns } from 'lighthouse/core/lib/median-run.js';
import { blockingAfterPaint, loadRequests, startStaticCopy } from './lighthouse-baselines.mjs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function chromePath() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const { chromium } = await import('@playwright/test');
  return chromium.executablePath();
}

/**
 * The CPU slowdown Lighthouse's calibration gives for a host's BenchmarkIndex (the calculator
 * linked from lighthouse/docs/throttling.md: patrickhulce/lighthouse-cpu-throttling-calculator,
 * computeMultiplierMessages), or null below 150, where it says the host is too slow to emulate the target.
 * @param {number} index
 */
export function calibratedMultiplier(index) {
  if (!Number.isFinite(index) || index < 150) return null;
  if (index >= 1300) return 3 + (index - 1300) / 233;
  if (index >= 800) return 2 + (index - 800) / 500;
  return 1 + (index - 150) / 650;
}

/** Scores 0–100 per category, and the audits that kept a category from 100 (title and score). */
function summarize(lhr) {
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]));
  const missed = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id];
      if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) missed.push({ category: c, id: ref.id, score: audit.score, value: audit.displayValue ?? '' });
    }
  }
  return { scores, missed };
}

export async function benchLighthouse({ app, slug, runs = 1, cpu = '4', throttlingMethod = 'simulate', baselines = true, say }) {
  // Loaded here, not at the top: the report imports this module on every bench run.
  const [chromeLauncher, { default: lighthouse }] = await Promise.all([import('chrome-launcher'), import('lighthouse')]);
  const pages = { home: '/', post: `/post/${slug}` };
  // A fresh browser per run, as the lighthouse CLI does: runs in one browser drifted down
  // (home 97 → 86 over five runs here).
  const once = async (url, throttling = {}) => {
    const chrome = await chromeLauncher.launch({
      chromePath: await chromePath(),
      chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const run = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, throttlingMethod, throttling });
      if (!run) throw new Error(`lighthouse returned nothing for ${url}`);
      const fcp = run.lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint;
      const { lhr } = run;
      // Simulated throttling multiplies the unthrottled trace's tasks; with devtools throttling the
      // trace is already slowed (its CPU times too), so the tasks count as they are.
      const slowdown = throttlingMethod === 'devtools' ? 1 : (throttling.cpuSlowdownMultiplier ?? 4);
      lhr.quireBlocking = blockingAfterPaint(run.artifacts.Trace, fcp, slowdown);
      return { lhr, devtoolsLog: run.artifacts.DevtoolsLog };
    } finally {
      chrome.kill();
    }
  };
  let multiplier = Number(cpu);
  if (cpu === 'calibrated') {
    await fetch(`${app.origin}/`).then((r) => r.arrayBuffer());
    const index = (await once(`${app.origin}/`)).lhr.environment?.benchmarkIndex ?? NaN;
    const calibrated = calibratedMultiplier(index);
    if (calibrated === null) throw new Error(`lighthouse: BenchmarkIndex ${index}: too slow a host to calibrate (Lighthouse's calculator needs ≥ 150)`);
    multiplier = Math.round(calibrated * 10) / 10;
    say(`lighthouse: host BenchmarkIndex ${Math.round(index)} → CPU slowdown ${multiplier}× (Lighthouse's calibration; default 4×)`);
  }
  const throttling = { cpuSlowdownMultiplier: multiplier };
  const results = {};
  for (const [name, path] of Object.entries(pages)) {
    await fetch(`${app.origin}${path}`).then((r) => r.arrayBuffer());
    const lhrs = { app: [], copy: [], htmlCssOnly: [] };
    let copy = null;
    try {
      for (let i = 0; i < runs; i += 1) {
        // Alternating, so the host's mood of the minute falls on all three alike.
        const run = await once(`${app.origin}${path}`, throttling);
        lhrs.app.push(run.lhr);
        say(`lighthouse ${name} run ${i + 1}/${runs}: performance ${perfOf(run.lhr)}`);
        if (!baselines) continue;
        copy ??= await startStaticCopy({ origin: app.origin, page: path, requests: loadRequests(run.devtoolsLog, app.origin) });
        for (const variant of /** @type {const} */ (['copy', 'htmlCssOnly'])) {
          const base = await once(`${copy.origin}${copy.paths[variant]}`, throttling);
          lhrs[variant].push(base.lhr);
          say(`lighthouse ${name} run ${i + 1}/${runs}, ${BASELINE_NAMES[variant]}: performance ${perfOf(base.lhr)}`);
        }
      }
    } finally {
      await copy?.close();
    }
    const appRuns = medianOf(lhrs.app, path, runs);
    const report = writeReport(name, appRuns.median);
    const baselineRuns = {};
    if (baselines) {
      for (const variant of /** @type {const} */ (['copy', 'htmlCssOnly'])) {
        const m = medianOf(lhrs[variant], `${path} (${BASELINE_NAMES[variant]})`, runs);
        baselineRuns[variant] = { performance: Math.round(m.median.categories.performance.score * 100), performanceRuns: m.performance, blocking: m.blocking };
      }
    }
    results[name] = {
      path,
      report,
      runs,
      invalidRuns: runs - appRuns.valid,
      performanceRuns: appRuns.performance,
      throttlingMethod,
      cpuSlowdown: multiplier,
      benchmarkIndex: appRuns.benchmarkIndex,
      blocking: appRuns.blocking,
      ...(baselines ? { baselines: baselineRuns } : {}),
      ...summarize(appRuns.median),
    };
    const s = results[name].scores;
    say(`lighthouse ${name}, median of ${appRuns.valid}: performance ${s.performance} (runs ${appRuns.performance.join(', ')}), accessibility ${s.accessibility}, best practices ${s['best-practices']}, SEO ${s.seo}`);
  }
  return results;
}

const BASELINE_NAMES = { copy: 'static copy', htmlCssOnly: 'HTML and CSS only' };

const perfOf = (lhr) => {
  const perf = lhr.categories.performance?.score;
  return perf == null ? `none (${lhr.runtimeError?.code ?? 'no score'})` : Math.round(perf * 100);
};

/**
 * The run whose performance score is the median (the lower middle of an even count), every
 * valid run's score, and the median of each run's blocking figures (Lighthouse's own and
 * ./lighthouse-baselines.mjs's wall and CPU sums).
 */
function medianOf(lhrs, what, runs) {
  const valid = filterToValidRuns(lhrs).filter((lhr) => lhr.categories.performance?.score != null);
  if (valid.length === 0) throw new Error(`lighthouse: no valid run of ${what} in ${runs}`);
  const byScore = [...valid].sort((a, b) => a.categories.performance.score - b.categories.performance.score);
  const mid = (xs) => {
    const sorted = xs.filter(Number.isFinite).sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null;
  };
  const indexes = valid.map((lhr) => Math.round(lhr.environment?.benchmarkIndex ?? 0));
  return {
    median: byScore[Math.floor((byScore.length - 1) / 2)],
    valid: valid.length,
    performance: byScore.map((lhr) => Math.round(lhr.categories.performance.score * 100)),
    benchmarkIndex: mid(indexes),
    blocking: {
      lighthouse: mid(valid.map((lhr) => Math.round(lhr.audits['total-blocking-time']?.numericValue ?? NaN))),
      wall: mid(valid.map((lhr) => lhr.quireBlocking?.wall ?? NaN)),
      cpu: mid(valid.map((lhr) => lhr.quireBlocking?.cpu ?? NaN)),
    },
  };
}

/** The median run's report, kept beside latest.json; returns its path relative to the repository. */
function writeReport(name, lhr) {
  const dir = path.join(import.meta.dirname, '..', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `lighthouse-${name}.json`);
  writeFileSync(file, `${JSON.stringify(lhr)}\n`);
  return path.relative(path.join(import.meta.dirname, '..', '..'), file);
}

/** Report rows: one per page, and what kept a category from 100. */
export function lighthouseRows(r) {
  const rows = [];
  for (const [name, page] of Object.entries(r)) {
    const s = page.scores;
    const all = CATEGORIES.every((c) => s[c] === 100);
    const of = page.runs > 1 ? `, median of ${page.runs - page.invalidRuns} (perf ${page.performanceRuns.join(', ')})` : '';
    const host = page.cpuSlowdown ? `${page.throttlingMethod === 'devtools' ? ', devtools throttling' : ''}, CPU ${page.cpuSlowdown}×, host index ${page.benchmarkIndex}` : '';
    rows.push([`Lighthouse ${name} (mobile${host}${of}): perf / a11y / best / SEO`, `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`, '100 each', all ? 'PASS' : 'MISS']);
    for (const m of page.missed) rows.push([`  ${m.category}: ${m.id}`, `${Math.round(m.score * 100)} ${m.value}`.trim(), '', '']);
    const b = page.blocking;
    const times = page.throttlingMethod === 'devtools' ? 'tasks\' wall / their CPU (slowed live)' : `tasks' wall × ${page.cpuSlowdown} / their CPU × ${page.cpuSlowdown}`;
    if (b) rows.push([`  blocking after the first paint, ms (medians): Lighthouse's TBT / ${times}`, `${b.lighthouse ?? '–'} / ${b.wall ?? '–'} / ${b.cpu ?? '–'}`, '', '']);
    for (const [variant, base] of Object.entries(page.baselines ?? {})) {
      const label = variant === 'copy' ? 'the same bytes from memory (no app server)' : 'that copy, HTML and CSS only (no scripts)';
      rows.push([`  baseline: ${label}: perf (runs ${base.performanceRuns.join(', ')}); blocking as above`, `${base.performance}; ${base.blocking.lighthouse ?? '–'} / ${base.blocking.wall ?? '–'} / ${base.blocking.cpu ?? '–'}`, '', '']);
    }
  }
  return rows;
}
