// Moves uploads from the time they lived on one server's disk (UPLOADS_DIR, else
// .data/uploads) into media_blobs, where every instance serves them. Used by
// `npm run media:import-files` and by `npm start` before it serves. Each file is checked
// (a name the uploader made, a media row for it, a readable image of the type its name
// says, the size its row records) and imported in its own transaction, so a failure
// leaves that file out and everything else in; a rerun skips what is already stored
// (resumable, idempotent). The files stay where they are: delete them once backed up.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

const NAME = /^[0-9a-f]{32}\.(jpg|png|webp|avif|gif)$/;
const FORMATS = { jpg: ['jpeg', 'image/jpeg'], png: ['png', 'image/png'], webp: ['webp', 'image/webp'], avif: ['heif', 'image/avif'], gif: ['gif', 'image/gif'] };

/** The folder of file uploads: UPLOADS_DIR, else uploads/ in QUIRE_DATA_DIR (else root/.data), as npm start resolves it. */
export function uploadsDir(env, root) {
  return path.resolve(env.UPLOADS_DIR || path.join(env.QUIRE_DATA_DIR || path.join(root, '.data'), 'uploads'));
}

/** Plain files in dir (not .tmp/ nor dot files); none when dir does not exist. */
async function listFiles(dir) {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

/** Names in dir whose bytes are not in media_blobs yet (cheap: no file is read). */
export async function pendingFiles(client, dir) {
  const names = await listFiles(dir);
  if (names.length === 0) return [];
  const { rows } = await client.query('SELECT m.path FROM media m JOIN media_blobs b ON b.media_id = m.id WHERE m.path = ANY($1)', [names]);
  const stored = new Set(rows.map((r) => r.path));
  return names.filter((n) => !stored.has(n));
}

/** Why this file cannot be imported, or its checked bytes. */
async function check(client, dir, name) {
  const match = NAME.exec(name);
  if (!match) return { error: 'not a name Quire gives uploads (32 hex digits and .jpg, .png, .webp, .avif or .gif)' };
  const { rows } = await client.query('SELECT id, mime_type AS "mimeType", bytes FROM media WHERE path = $1', [name]);
  const row = rows[0];
  if (!row) return { error: 'no media row has this name (was it uploaded to another site?)' };
  const data = await readFile(path.join(dir, name));
  const [format, mimeType] = FORMATS[match[1]];
  let meta;
  try {
    meta = await sharp(data, { failOn: 'warning', animated: true }).metadata();
  } catch {
    return { error: 'not a valid image (the file is damaged or not an image)' };
  }
  if (meta.format !== format || row.mimeType !== mimeType) return { error: `the content is ${meta.format}, not the ${mimeType} its name and row say` };
  if (row.bytes !== data.byteLength) return { error: `the file has ${data.byteLength} bytes, its media row records ${row.bytes}` };
  return { id: row.id, data, mimeType };
}

/**
 * Imports every pending file. `say` gets one progress line per file. Resolves to
 * { imported, skipped, failed: [{ name, error }] }; failures never stop the others.
 */
export async function importFiles(client, dir, say = () => {}) {
  const all = await listFiles(dir);
  const pending = await pendingFiles(client, dir);
  const result = { imported: 0, skipped: all.length - pending.length, failed: [] };
  let done = 0;
  for (const name of pending) {
    done += 1;
    const prefix = `[${done}/${pending.length}] ${name}`;
    const checked = await check(client, dir, name);
    if (checked.error) {
      result.failed.push({ name, error: checked.error });
      say(`${prefix}: not imported: ${checked.error}`);
      continue;
    }
    const sha256 = createHash('sha256').update(checked.data).digest('hex');
    // One statement is its own transaction: the blob is stored whole or not at all. A
    // concurrent import of the same file (two instances starting) is a no-op, not an error.
    await client.query(
      `INSERT INTO media_blobs (media_id, data, content_type, size, sha256) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (media_id) DO NOTHING`,
      [checked.id, checked.data, checked.mimeType, checked.data.byteLength, sha256],
    );
    result.imported += 1;
    say(`${prefix}: imported (${checked.data.byteLength} bytes)`);
  }
  return result;
}
