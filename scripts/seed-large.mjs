#!/usr/bin/env node
// `npm run seed:large [-- flags]`: the large site (scripts/lib/large-data.mjs) on top of the
// normal seed, in the database of DATABASE_URL (DATABASE_DIRECT_URL wins, as for migrations).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureDatabase, migrate, seed } from './db.mjs';
import { loadEnv, UserError } from './lib/cli.mjs';
import { checkSizes, generateLargeData, HOT_POST_ID, LARGE_DEFAULTS, LargeDataError } from './lib/large-data.mjs';

const USAGE = `Usage: npm run seed:large -- [flags]
Writes a large site into DATABASE_URL (created, migrated and seeded first when needed):
  --posts <n>          posts (default ${LARGE_DEFAULTS.posts.toLocaleString('en')})
  --comments <n>       comments in all (default ${LARGE_DEFAULTS.comments.toLocaleString('en')})
  --hot-comments <n>   of which on the newest post (default ${LARGE_DEFAULTS.hotComments.toLocaleString('en')})
  --view-events <n>    view events over the last 60 days, rolled up into the counters (default ${LARGE_DEFAULTS.viewEvents.toLocaleString('en')})
Run it once per database: a second run refuses (reset with node scripts/db.mjs reset).`;

function parseSizes(argv) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      posts: { type: 'string' },
      comments: { type: 'string' },
      'hot-comments': { type: 'string' },
      'view-events': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return null;
  const size = (flag, fallback) => {
    const raw = values[flag];
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll('_', ''));
    if (!/^[\d_]+$/.test(raw) || !Number.isSafeInteger(n)) throw new UserError(`--${flag} must be a whole number (got ${JSON.stringify(raw)})\n${USAGE}`);
    return n;
  };
  const sizes = {
    posts: size('posts', LARGE_DEFAULTS.posts),
    comments: size('comments', LARGE_DEFAULTS.comments),
    hotComments: size('hot-comments', LARGE_DEFAULTS.hotComments),
    viewEvents: size('view-events', LARGE_DEFAULTS.viewEvents),
  };
  try {
    checkSizes(sizes);
  } catch (error) {
    throw new UserError(`${error.message}\n${USAGE}`);
  }
  return sizes;
}

/** One line, rewritten in place on a terminal; a line per tenth otherwise (logs, CI). */
function progressLine(stream = process.stdout) {
  const width = 30;
  let lastTenth = -1;
  let started = performance.now();
  return (part, done, total) => {
    if (done === 0) started = performance.now();
    const share = total === 0 ? 1 : done / total;
    const filled = Math.round(share * width);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const line = `${part.padEnd(12)} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${seconds} s`;
    if (stream.isTTY) {
      stream.write(`\r${line}`);
      if (done >= total) stream.write('\n');
    } else if (Math.floor(share * 10) !== lastTenth || done >= total) {
      lastTenth = Math.floor(share * 10);
      stream.write(`${line}\n`);
    }
  };
}

async function main(argv) {
  const sizes = parseSizes(argv);
  if (!sizes) {
    console.log(USAGE);
    return;
  }
  loadEnv();
  const url = process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL;
  if (!url) throw new UserError('DATABASE_URL is not set (put it in .env or the environment)');
  const started = performance.now();
  await ensureDatabase(url);
  await migrate(url);
  const seeded = await seed(url, { ifEmpty: true });
  console.log(`database migrated${seeded.skipped ? '' : ' and seeded'} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { written, timings } = await generateLargeData(client, sizes, { onProgress: progressLine() });
    for (const [part, ms] of Object.entries(timings)) console.log(`${part.padEnd(20)} ${(ms / 1000).toFixed(1)} s`);
    const { rows } = await client.query('SELECT slug FROM posts WHERE id = $1', [HOT_POST_ID]);
    console.log(
      `large site: ${written.posts.toLocaleString('en')} posts, ${written.comments.toLocaleString('en')} comments ` +
        `(${sizes.hotComments.toLocaleString('en')} on /post/${rows[0]?.slug}), ${written.viewEvents.toLocaleString('en')} view events ` +
        `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await client.end();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error instanceof UserError || error instanceof LargeDataError || error?.code ? error.message : error);
    process.exit(1);
  });
}
