#!/usr/bin/env node
// `npm run bench`: measures Quire on this machine against baselines run side by side in
// the same run (the machine is noisy, so only ratios travel). See bench/README.md.
// Order: database + build + server, post page vs bare node:http, the page's JavaScript,
// view ingestion vs naive UPDATEs, comments (a page with 200, and posting), publish → visible,
// the post page while an editor autosaves, peak memory under a mixed load, then the summary and bench/results/latest.json.
// Every child process and the bench database are cleaned up on success, failure and Ctrl-C.
import dotenv from 'dotenv';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFlags } from './lib/args.mjs';
import { benchPage } from './lib/page.mjs';
import { measureJs } from './lib/js.mjs';
import { benchViews } from './lib/views.mjs';
import { benchComments } from './lib/comments.mjs';
import { benchSignedIn } from './lib/signedin.mjs';
import { benchPublish } from './lib/publish.mjs';
import { benchAutosave } from './lib/autosave.mjs';
import { benchScheduled } from './scheduled-publish.mjs';
import { benchCluster } from './lib/cluster.mjs';
import { benchLighthouse } from './lib/lighthouse.mjs';
import { benchMemory } from './lib/memory.mjs';
import { benchScale } from './lib/scale.mjs';
import { killAllChildrenSync, sampleMemory, stopAllChildren, stopChild, treeUsage } from './lib/procs.mjs';
import { printSummary, writeResults } from './lib/report.mjs';
import { buildApp, prepareDatabase, startApp } from './lib/setup.mjs';

dotenv.config({ quiet: true }); // DATABASE_URL may live in .env, as for npm start

const say = (message) => console.log(`[bench] ${message}`);
const cleanups = [];
let cleaningUp;

// One cleanup path for every ending; children first (they hold database connections).
function cleanup() {
  cleaningUp ??= (async () => {
    await stopAllChildren();
    for (const fn of cleanups.reverse()) await fn().catch((e) => say(`cleanup: ${e.message}`));
  })();
  return cleaningUp;
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    say(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', killAllChildrenSync);

async function main() {
  const flags = parseFlags(process.argv.slice(2));
  const results = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, totalMemMb: Math.round(os.totalmem() / 2 ** 20), node: process.version, loadavg: os.loadavg() },
    server: flags.cluster ? 'server/server.mjs ×2, HAProxy, PgBouncer' : flags.scale && flags.server === 'next' ? 'next start, one fresh per site' : flags.server === 'quire' ? 'server/server.mjs' : 'next start',
    flags: { ...flags, only: [...flags.only] },
  };
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
  cleanups.push(async () => rmSync(tmpDir, { recursive: true, force: true }));

  const db = await prepareDatabase({ say, keepDb: flags.keepDb });
  cleanups.push(db.teardown);
  results.database = db.where;
  results.build = await buildApp({ databaseUrl: db.url, build: flags.build, say });

  if (flags.cluster) {
    results.cluster = await benchCluster({ databaseUrl: db.url, flags, say, authSecret: randomBytes(24).toString('base64url') });
    results.machine.loadavgEnd = os.loadavg();
    printSummary(results);
    say(`results: ${path.relative(process.cwd(), writeResults(results, path.join(import.meta.dirname, 'results')))}`);
    return;
  }

  if (flags.scale) {
    results.scale = await benchScale({ seededUrl: db.url, flags, say });
    // The rest of issue 11's one-run table: the signed-in/anonymous ratio (seeded site: its
    // 200-comment post and bench readers) and the mixed load's peak memory (benchScale
    // measured it on the large site too, before dropping it).
    const app = await startApp({ databaseUrl: db.url, server: 'quire' });
    say(`${app.label} on ${app.origin} (pid ${app.child.pid})`);
    try {
      results.signedin = await benchSignedIn({ app, databaseUrl: db.url, flags, say });
    } finally {
      await stopChild(app.child);
    }
    results.mixedMemory = await benchMemory({ databaseUrl: db.url, flags, say });
    results.machine.loadavgEnd = os.loadavg();
    printSummary(results);
    say(`results: ${path.relative(process.cwd(), writeResults(results, path.join(import.meta.dirname, 'results')))}`);
    return;
  }

  const app = await startApp({ databaseUrl: db.url, server: flags.server, cpuProfDir: flags.cpuProfDir });
  say(`${app.label} on ${app.origin} (pid ${app.child.pid})`);
  const memory = sampleMemory(app.child.pid, 250);

  if (flags.only.has('page')) results.page = await benchPage({ app, slug: flags.slug, flags, tmpDir, say });
  if (flags.only.has('js')) results.js = await measureJs(`${app.origin}/post/${flags.slug}`);
  if (flags.only.has('views')) results.views = await benchViews({ app, databaseUrl: db.url, slug: flags.slug, flags, say });
  if (flags.only.has('comments')) results.comments = await benchComments({ app, databaseUrl: db.url, flags, tmpDir, say, authSecret: app.authSecret });
  if (flags.only.has('signedin')) results.signedin = await benchSignedIn({ app, databaseUrl: db.url, flags, say });
  if (flags.only.has('publish')) results.publish = await benchPublish({ app, databaseUrl: db.url, flags, say });
  if (flags.only.has('autosave')) results.autosave = await benchAutosave({ app, databaseUrl: db.url, flags, say });
  if (flags.only.has('scheduled')) results.scheduled = await benchScheduled({ app, databaseUrl: db.url, flags, say });
  if (flags.only.has('lighthouse')) results.lighthouse = await benchLighthouse({ app, slug: flags.slug, runs: flags.lighthouseRuns, cpu: flags.lighthouseCpu, throttlingMethod: flags.lighthouseThrottling, baselines: flags.lighthouseBaselines, say });

  results.memory = { ...memory.stop(), processes: treeUsage(app.child.pid).processes };
  // On a server of its own, started fresh: the peak belongs to the mixed load alone.
  if (flags.only.has('memory')) results.mixedMemory = await benchMemory({ databaseUrl: db.url, flags, say });
  results.machine.loadavgEnd = os.loadavg();
  printSummary(results);
  say(`results: ${path.relative(process.cwd(), writeResults(results, path.join(import.meta.dirname, 'results')))}`);
}

main()
  .then(cleanup)
  .then(() => process.exit(0))
  .catch(async (error) => {
    console.error(`[bench] failed: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(1);
  });
