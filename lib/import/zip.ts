import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { ImportFileError } from './errors';

// A .zip uploaded to /admin/import (a Jekyll or Hugo folder with its images), unpacked
// into a folder for loadExports. An upload is untrusted: a name that leaves the folder
// (zip-slip: ../x, /etc/x) is refused (yauzl checks names; resolved paths are checked
// again here), and a zip bomb stops once the bytes written pass `maxBytes`, whatever
// sizes its headers claim (yauzl also checks each entry against its declared size).

export type UnzipLimits = { maxBytes: number; maxEntries: number };

/** A zip starts with a local file header (or, empty, with the end of central directory). */
export function isZip(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** Unpacks `bytes` into `dest`; resolves to the number of files written. */
export async function unzipTo(shown: string, bytes: Buffer, dest: string, { maxBytes, maxEntries }: UnzipLimits): Promise<number> {
  const fail = (problem: string) => new ImportFileError(shown, null, problem);
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (error) {
    throw fail(`not a readable .zip (${error instanceof Error ? error.message : String(error)})`);
  }
  if (zip.entryCount > maxEntries) {
    zip.close();
    throw fail(`the .zip holds ${zip.entryCount} entries, more than the ${maxEntries} allowed`);
  }
  const root = path.resolve(dest);
  let written = 0;
  let files = 0;
  const limit = () => fail(`the .zip unpacks to more than ${Math.round(maxBytes / 1024 / 1024)} MB (IMPORT_MAX_UNZIPPED_MB)`);
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(fail(`not a readable .zip (${error.message})`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        extractEntry(entry).then(() => zip.readEntry(), reject);
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return files;

  async function extractEntry(entry: yauzl.Entry): Promise<void> {
    if (entry.fileName.endsWith('/')) return;
    const target = path.resolve(root, entry.fileName);
    if (!target.startsWith(root + path.sep)) throw fail(`${entry.fileName}: a name outside the archive's folder`);
    if (written + entry.uncompressedSize > maxBytes) throw limit();
    await mkdir(path.dirname(target), { recursive: true });
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        written += chunk.length;
        callback(written > maxBytes ? limit() : null, chunk);
      },
    });
    try {
      await pipeline(await openEntry(zip, entry), counter, createWriteStream(target));
    } catch (error) {
      if (error instanceof ImportFileError) throw error;
      throw fail(`${entry.fileName}: cannot be unpacked (${error instanceof Error ? error.message : String(error)})`);
    }
    files += 1;
  }
}
