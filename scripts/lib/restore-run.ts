// `npm run import -- <Quire archive>`: a Quire archive is not an export of another platform
// but the whole site, restored as it was into an empty database (lib/dal/restore.ts).
import { open, readFile, stat } from 'node:fs/promises';
import { isQuireArchive, parseArchive } from '../../lib/export/archive';
import { restoreArchive } from '../../lib/dal/restore';
import { ImportFileError } from '../../lib/import/errors';

/** The first bytes of a file (null for a folder or a missing file: those are not archives). */
export async function archiveHead(file: string): Promise<string | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(256);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function isArchiveFile(file: string): Promise<boolean> {
  const head = await archiveHead(file);
  return head !== null && isQuireArchive(head);
}

export async function restoreFile(file: string, shown: string, options: { dryRun: boolean }): Promise<string> {
  if (options.dryRun) throw new ImportFileError(shown, null, '--dry-run: a Quire archive is restored whole into an empty site or not at all, there is nothing to preview');
  const archive = parseArchive(shown, await readFile(file, 'utf8'));
  let shownStep = -1;
  const counts = await restoreArchive(shown, archive, {
    onProgress: (done, total) => {
      const step = Math.floor((done / Math.max(total, 1)) * 10);
      if (step !== shownStep) {
        shownStep = step;
        process.stderr.write(`restoring ${done}/${total}\n`);
      }
    },
  });
  const summary = Object.entries(counts).filter(([, n]) => n > 0).map(([name, n]) => `${n} ${name}`).join(', ');
  const hashes = archive.header.passwordHashes ? '' : ' Password hashes were not in the archive: accounts that signed in with a password cannot until restored from an archive made with --with-password-hashes (provider sign-in works; while no admin can sign in, npm start prints the setup link).';
  return `Restored the Quire archive of ${archive.header.exportedAt}: ${summary || 'an empty site'}.${hashes}`;
}
