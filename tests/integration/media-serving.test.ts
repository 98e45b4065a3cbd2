import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import sharp from 'sharp';
import { createAuthor, pool } from './helpers/fixtures';

// Uploads in PostgreSQL (media_blobs): written with their row or not at all, served by
// /uploads/<name> with a strong ETag and 304s, and files from the time uploads lived on
// disk moved in by `npm run media:import-files`, run as npm runs it.

type Actor = { id: string; role: 'AUTHOR'; banned: boolean };

let sql: pg.Pool;
let upload: typeof import('../../lib/media/upload');
let serve: typeof import('../../app/uploads/[...path]/route');
let etag: typeof import('../../lib/media/etag');
let disconnect: () => Promise<void>;
let author: Actor;
const dirs: string[] = [];

const SITE = 'http://localhost:3000';

before(async () => {
  upload = await import('../../lib/media/upload');
  serve = await import('../../app/uploads/[...path]/route');
  etag = await import('../../lib/media/etag');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
  author = { id: await createAuthor(sql), role: 'AUTHOR', banned: false };
});

after(async () => {
  await disconnect();
  await sql.end();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#c83232' } }).png().toBuffer();
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const newName = (ext: string) => `${randomBytes(16).toString('hex')}.${ext}`;

function get(segments: string[], headers: Record<string, string> = {}): Promise<Response> {
  return serve.GET(new Request(`${SITE}/uploads/${segments.join('/')}`, { headers }), { params: Promise.resolve({ path: segments }) });
}

async function blobCount(): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM media_blobs');
  return rows[0]?.n ?? 0;
}

async function uploaded(width = 12, height = 9): Promise<{ name: string; bytes: Buffer }> {
  const result = await upload.uploadImage(author, { bytes: await png(width, height), alt: '' });
  assert.ok(result.ok, JSON.stringify(result));
  const name = result.url.slice('/uploads/'.length);
  const { rows } = await sql.query<{ data: Buffer }>('SELECT b.data FROM media_blobs b JOIN media m ON m.id = b.media_id WHERE m.path = $1', [name]);
  assert.ok(rows[0], 'the bytes are stored with the row');
  return { name, bytes: rows[0].data };
}

test('an upload whose row cannot be inserted stores no bytes either', async () => {
  const before = await blobCount();
  // A valid role but no such user: the media row's foreign key fails.
  const ghost = { id: 'unosuchuser000000000000000', role: 'AUTHOR' as const, banned: false };
  await assert.rejects(upload.uploadImage(ghost, { bytes: await png(10, 10), alt: '' }));
  assert.equal(await blobCount(), before);
});

test('/uploads serves the stored bytes with their type, a strong ETag and a year of immutable caching', async () => {
  const { name, bytes } = await uploaded();
  const ok = await get([name]);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'image/png');
  assert.equal(ok.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(ok.headers.get('etag'), `"${sha256(bytes)}"`);
  const served = Buffer.from(await ok.arrayBuffer());
  assert.deepEqual(served, bytes);
  assert.equal(ok.headers.get('content-length'), String(served.length));
});

test('If-None-Match with the ETag (alone, weak, in a list, or *) is a 304 without a body; another tag gets the bytes', async () => {
  const { name, bytes } = await uploaded(7, 5);
  const tag = `"${sha256(bytes)}"`;
  for (const header of [tag, `W/${tag}`, `"abc", ${tag}`, '*']) {
    const res = await get([name], { 'If-None-Match': header });
    assert.equal(res.status, 304, header);
    assert.equal(res.headers.get('etag'), tag);
    assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal((await res.arrayBuffer()).byteLength, 0);
  }
  const other = await get([name], { 'If-None-Match': `"${'0'.repeat(64)}"` });
  assert.equal(other.status, 200);
  assert.deepEqual(Buffer.from(await other.arrayBuffer()), bytes);
});

test('/uploads answers 404 to unknown names, paths that are not one upload name, and rows whose bytes are not stored', async () => {
  const { name } = await uploaded(4, 4);
  const rowOnly = newName('png');
  await sql.query(`INSERT INTO media (id, path, mime_type, width, height, bytes, uploader_id) VALUES ($1, $2, 'image/png', 1, 1, 10, $3)`, [`m${randomUUID().slice(0, 20)}`, rowOnly, author.id]);
  for (const segments of [[`${'0'.repeat(32)}.png`], ['..', 'package.json'], ['.tmp', name], [name, 'x'], ['..%2F..%2Fetc%2Fpasswd'], [name.replace('.png', '.gif')], [name.toUpperCase()], [rowOnly]]) {
    for (const headers of [{}, { 'If-None-Match': '*' }] as Record<string, string>[]) {
      const res = await get(segments, headers);
      assert.equal(res.status, 404, segments.join('/'));
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
  }
});

test('etagMatches: compares weakly, reads lists, and does not match a prefix or a malformed list', () => {
  assert.equal(etag.etagMatches('"a"', '"a"'), true);
  assert.equal(etag.etagMatches(' W/"a" ', '"a"'), true);
  assert.equal(etag.etagMatches('"b", "a"', '"a"'), true);
  assert.equal(etag.etagMatches('"ab"', '"a"'), false);
  assert.equal(etag.etagMatches('"b"', '"a"'), false);
  assert.equal(etag.etagMatches('', '"a"'), false);
});

type Run = { code: number; stdout: string; stderr: string };

function importFiles(dir: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/media-import-files.mjs'], { env: { ...process.env, UPLOADS_DIR: dir }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A media row as the file-era uploader wrote it, and its file in dir. */
async function fileEraUpload(dir: string, bytes: Buffer, mimeType = 'image/png', ext = 'png'): Promise<string> {
  const name = newName(ext);
  await sql.query(`INSERT INTO media (id, path, mime_type, width, height, bytes, uploader_id) VALUES ($1, $2, $3, 3, 3, $4, $5)`, [`m${randomUUID().slice(0, 20)}`, name, mimeType, bytes.length, author.id]);
  writeFileSync(path.join(dir, name), bytes);
  return name;
}

test('media:import-files stores each valid file, names each bad one with why, skips what is stored, and resumes', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-import-'));
  dirs.push(dir);
  const good = await png(3, 3);
  const goodName = await fileEraUpload(dir, good);
  const textName = await fileEraUpload(dir, Buffer.from('not a picture at all\n'));
  const gifClaimingPng = await fileEraUpload(dir, await sharp({ create: { width: 3, height: 3, channels: 3, background: 'blue' } }).gif().toBuffer());
  const orphan = newName('png');
  writeFileSync(path.join(dir, orphan), good);
  writeFileSync(path.join(dir, 'holiday.png'), good);

  const first = await importFiles(dir);
  assert.equal(first.code, 1, first.stdout + first.stderr);
  assert.match(first.stdout, /\[\d\/5\] .*: imported \(\d+ bytes\)/);
  assert.match(first.stdout, /1 imported, 0 already stored, 4 not imported/);
  assert.match(first.stderr, new RegExp(`${textName}: not a valid image`));
  assert.match(first.stderr, new RegExp(`${gifClaimingPng}: the content is gif, not the image/png`));
  assert.match(first.stderr, new RegExp(`${orphan}: no media row has this name`));
  assert.match(first.stderr, /holiday\.png: not a name Quire gives uploads/);

  const served = await get([goodName]);
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), good);
  assert.equal(served.headers.get('etag'), `"${sha256(good)}"`);
  assert.equal((await get([textName])).status, 404, 'a refused file is not half stored');

  // Idempotent: nothing stored twice. Resumable: a file fixed since is taken on the next run.
  const stored = await blobCount();
  rmSync(path.join(dir, orphan));
  rmSync(path.join(dir, 'holiday.png'));
  rmSync(path.join(dir, gifClaimingPng));
  const fixed = await png(3, 3);
  await sql.query('UPDATE media SET bytes = $2 WHERE path = $1', [textName, fixed.length]);
  writeFileSync(path.join(dir, textName), fixed);
  const second = await importFiles(dir);
  assert.equal(second.code, 0, second.stdout + second.stderr);
  assert.match(second.stdout, /1 imported, 1 already stored, 0 not imported/);
  assert.equal(await blobCount(), stored + 1);
  assert.equal((await get([textName])).status, 200);

  const third = await importFiles(dir);
  assert.equal(third.code, 0);
  assert.match(third.stdout, /0 imported, 2 already stored, 0 not imported/);
});
