// Part `lighthouse` (issue 12): Lighthouse 12's four categories (performance, accessibility,
// best practices, SEO) for the home page and the post page, as Lighthouse scores by default:
// a mobile device on a throttled network and CPU (simulated). Each page is fetched once first,
// so the server's caches are warm, as for any visitor after the first. Not in the default
// parts: it takes a minute and its performance score moves with the machine's load.
import { existsSync } from 'node:fs';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];

async function chromePath() {
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const { chromium } = await import('@playwright/test');
  return chromium.executablePath();
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

export async function benchLighthouse({ app, slug, say }) {
  // Loaded here, not at the top: the report imports this module on every bench run.
  const [chromeLauncher, { default: lighthouse }] = await Promise.all([import('chrome-launcher'), import('lighthouse')]);
  const pages = { home: '/', post: `/post/${slug}` };
  const chrome = await chromeLauncher.launch({
    chromePath: await chromePath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const results = {};
    for (const [name, path] of Object.entries(pages)) {
      await fetch(`${app.origin}${path}`).then((r) => r.arrayBuffer());
      const run = await lighthouse(`${app.origin}${path}`, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES });
      if (!run) throw new Error(`lighthouse returned nothing for ${path}`);
      results[name] = { path, ...summarize(run.lhr) };
      const s = results[name].scores;
      say(`lighthouse ${name}: performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s['best-practices']}, SEO ${s.seo}`);
    }
    return results;
  } finally {
    chrome.kill();
  }
}

/** Report rows: one per page, and what kept a category from 100. */
export function lighthouseRows(r) {
  const rows = [];
  for (const [name, page] of Object.entries(r)) {
    const s = page.scores;
    const all = CATEGORIES.every((c) => s[c] === 100);
    rows.push([`Lighthouse ${name} (mobile): perf / a11y / best / SEO`, `${s.performance} / ${s.accessibility} / ${s['best-practices']} / ${s.seo}`, '100 each', all ? 'PASS' : 'MISS']);
    for (const m of page.missed) rows.push([`  ${m.category}: ${m.id}`, `${Math.round(m.score * 100)} ${m.value}`.trim(), '', '']);
  }
  return rows;
}
