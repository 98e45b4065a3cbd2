// The body of `npm run import` (scripts/import.mjs starts it): arguments, progress, the
// report, one clear line for any error, exit 1. Reading and checking every file comes
// before the database is touched, so a malformed file changes nothing.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { firstAdminId } from '../../lib/dal/imported-images';
import { importBundles } from '../../lib/dal/imports';
import { SiteNotEmptyError } from '../../lib/dal/restore';
import { ImportFileError } from '../../lib/import/errors';
import { loadExports } from '../../lib/import/load';
import { formatReport } from '../../lib/import/format-report';
import { workOf } from '../../lib/import/report';
import { importWithLocalImages } from '../../lib/import/store-images';
import { expireBuild } from '../../server/expire-build.mjs';
import { isArchiveFile, restoreFile } from './restore-run';

const USAGE = 'usage: npm run import -- <file or folder or Quire archive> [--dry-run] [--pages-as-drafts] [--source <name>] [--map <urls.json>] [--no-refresh] [--verbose]';

class UsageError extends Error {}

function args() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: { 'dry-run': { type: 'boolean' }, 'pages-as-drafts': { type: 'boolean' }, verbose: { type: 'boolean' }, source: { type: 'string' }, 'no-refresh': { type: 'boolean' }, map: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  if (positionals.length !== 1) throw new UsageError(USAGE);
  return { target: positionals[0]!, dryRun: !!values['dry-run'], pages: values['pages-as-drafts'] ? ('drafts' as const) : ('skip' as const), verbose: !!values.verbose, source: values.source, refresh: !values['no-refresh'], map: values.map };
}

/** A bar on a terminal; on a pipe or a log, a plain "n/total" line every 10%. */
function progress(total: number) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: 'importing [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true }, cliProgress.Presets.shades_classic);
    bar.start(total, 0);
    return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
  }
  let shown = -1;
  return {
    update: (done: number) => {
      const step = Math.floor((done / Math.max(total, 1)) * 10);
      if (step !== shown || done === total) {
        shown = step;
        process.stderr.write(`importing ${done}/${total}\n`);
      }
    },
    stop: () => {},
  };
}

function authSecret(): string | undefined {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(path.resolve(process.env.QUIRE_DATA_DIR ?? '.data'), 'auth-secret');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

async function main() {
  const { target, dryRun, pages, verbose, source, refresh, map } = args();
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (await isArchiveFile(path.resolve(cwd, target))) {
    console.log(await restoreFile(path.resolve(cwd, target), target, { dryRun }));
    if (refresh) await refreshSite();
    return;
  }
  const { bundles, ignored } = await loadExports(target, { pages, cwd, ...(source ? { source } : {}), ...(map ? { map } : {}) });
  if (bundles.length === 0) throw new UsageError(`${target}: no export found (WordPress WXR, Ghost JSON, Disqus XML, Markdown with front matter)`);
  const total = workOf(bundles);
  const bar = progress(total);
  let report;
  try {
    const onProgress = (done: number) => bar.update(done);
    // A folder (Jekyll, Hugo) may hold its posts' images: stored as uploads of the first admin, links rewritten.
    const folder = path.resolve(cwd, target);
    report = statSync(folder).isDirectory()
      ? await importWithLocalImages(folder, bundles, { dryRun, createdBy: await firstAdminId(), onProgress })
      : await importBundles(bundles, { dryRun, onProgress });
  } finally {
    bar.stop();
  }
  console.log(formatReport(bundles, report, { dryRun, verbose, ignored }));
  if (!dryRun && refresh && report.tags.length > 0) await refreshSite();
}

/** The running site caches its pages: ask it to expire them, as it does after a build. */
async function refreshSite() {
  const origin = process.env.SITE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  try {
    await expireBuild({ origin, secret: authSecret() });
    console.log(`The site at ${origin} shows the imported posts now.`);
  } catch {
    console.log(`note: the site at ${origin} did not answer; it shows the imported posts once restarted, or within the hour.`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const known = error instanceof ImportFileError || error instanceof UsageError || error instanceof SiteNotEmptyError;
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (!known) console.error(error);
    process.exit(1);
  },
);
