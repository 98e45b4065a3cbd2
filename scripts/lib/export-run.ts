// The body of `npm run export` (scripts/export.mjs starts it): arguments, a progress line on
// stderr, the file written (to a temporary name, renamed when complete, so a failed export
// never leaves a file that looks whole), one clear line for any error, exit 1.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { exportSite } from '../../lib/dal/export';
import { exportWxr } from '../../lib/dal/export-wxr';

const USAGE = 'usage: npm run export -- [--out <file>] [--with-password-hashes] [--format quire|wxr]';

class UsageError extends Error {}

function args() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      options: { out: { type: 'string' }, 'with-password-hashes': { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const format = values.format ?? 'quire';
  if (format !== 'quire' && format !== 'wxr') throw new UsageError(`--format ${format}: expected quire or wxr\n${USAGE}`);
  if (format === 'wxr' && values['with-password-hashes']) throw new UsageError('--with-password-hashes: a WXR file never holds passwords');
  const day = new Date().toISOString().slice(0, 10);
  const out = values.out ?? (format === 'wxr' ? `quire-wordpress-${day}.xml` : `quire-export-${day}.json`);
  return { format, out: path.resolve(process.env.INIT_CWD ?? process.cwd(), out), passwordHashes: !!values['with-password-hashes'] };
}

/** One line per table (and every 10,000 rows), on stderr so stdout stays the summary. */
function progress() {
  let table = '';
  let shown = 0;
  return (name: string, rows: number) => {
    if (name !== table || rows - shown >= 10_000) {
      table = name;
      shown = rows;
      process.stderr.write(`exporting ${name} ${rows}\n`);
    }
  };
}

async function main() {
  const { format, out, passwordHashes } = args();
  const partial = `${out}.partial`;
  const stream = createWriteStream(partial, { encoding: 'utf8' });
  const write = async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
  try {
    const counts = format === 'wxr' ? await exportWxr(write, { onProgress: progress() }) : await exportSite(write, { passwordHashes, onProgress: progress() });
    stream.end();
    await once(stream, 'finish');
    await rename(partial, out);
    const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(', ');
    console.log(`Wrote ${out}: ${summary || 'an empty site'}${format === 'quire' ? (passwordHashes ? ' (with password hashes: keep it private)' : ' (no password hashes)') : ''}`);
  } catch (error) {
    stream.destroy();
    await rm(partial, { force: true });
    throw error;
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    if (!(error instanceof UsageError)) console.error(error);
    process.exit(1);
  },
);
