import 'server-only';
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { env } from '@/lib/env';
import type { ImageMimeType } from './limits';

// Uploaded images on local disk: UPLOADS_DIR, else uploads/ in QUIRE_DATA_DIR (.data),
// beside the embedded database. Files get random names; a file is written to .tmp/ in the
// same folder and renamed into place only when complete, so a reader (or a crash) never
// sees half a file under a real name.

const TYPES: Record<string, ImageMimeType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp', avif: 'image/avif', gif: 'image/gif' };
/** The only names ever served: what storeUpload makes. Nothing else (no "..", no "/") can match. */
const NAME = /^[0-9a-f]{32}\.(jpg|png|webp|avif|gif)$/;
const TEMP_DIR = '.tmp';
const STALE_TEMP_MS = 60 * 60 * 1000;

export function uploadsDir(): string {
  const { UPLOADS_DIR, QUIRE_DATA_DIR } = env();
  return path.resolve(UPLOADS_DIR ?? path.join(QUIRE_DATA_DIR ?? '.data', 'uploads'));
}

export function uploadUrl(name: string): string {
  return `/uploads/${name}`;
}

/** Writes the bytes under a new random name with this extension; returns the name. */
export async function storeUpload(data: Uint8Array, ext: string): Promise<string> {
  const dir = uploadsDir();
  const tempDir = path.join(dir, TEMP_DIR);
  await mkdir(tempDir, { recursive: true });
  void sweepStaleTemps(tempDir);
  const name = `${randomBytes(16).toString('hex')}.${ext}`;
  const temp = path.join(tempDir, `${name}.part`);
  try {
    const file = await open(temp, 'wx', 0o644);
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, path.join(dir, name));
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return name;
}

export async function removeUpload(name: string): Promise<void> {
  if (NAME.test(name)) await rm(path.join(uploadsDir(), name), { force: true });
}

/** A stored file as a stream with its type and size, or null for any name storeUpload did not make. */
export async function openUpload(name: string): Promise<{ stream: ReadableStream<Uint8Array>; type: ImageMimeType; size: number } | null> {
  const match = NAME.exec(name);
  const type = match?.[1] ? TYPES[match[1]] : undefined;
  if (!type) return null;
  const file = path.join(uploadsDir(), name);
  try {
    const info = await stat(file);
    if (!info.isFile()) return null;
    const stream = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
    return { stream, type, size: info.size };
  } catch {
    return null;
  }
}

// Parts left by a process that died mid-write: nothing points at them.
async function sweepStaleTemps(tempDir: string): Promise<void> {
  try {
    const cutoff = Date.now() - STALE_TEMP_MS;
    for (const entry of await readdir(tempDir)) {
      const file = path.join(tempDir, entry);
      if ((await stat(file)).mtimeMs < cutoff) await rm(file, { force: true });
    }
  } catch {
    // Best effort: a sweep that fails now runs again on the next upload.
  }
}
