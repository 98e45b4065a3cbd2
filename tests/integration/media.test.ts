import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import sharp from 'sharp';
import { pool } from './helpers/fixtures';
import { animated, pngHeader, solid } from './helpers/images';

// Image uploads against a real PostgreSQL: images made by sharp (helpers/images.ts), sent through the
// upload handler (POST /api/admin/media without Next's request scope: the route only adds
// the session lookup) and read back from media_blobs. Serving: media-serving.test.ts.

type Actor = { id: string; role: 'MEMBER' | 'CONTRIBUTOR' | 'AUTHOR' | 'EDITOR' | 'ADMIN'; banned: boolean };

let sql: pg.Pool;
let handler: typeof import('../../lib/media/upload-request');
let image: typeof import('../../lib/media/image');
let disconnect: () => Promise<void>;
let author: Actor;

const SITE = 'http://localhost:3000';

before(async () => {
  handler = await import('../../lib/media/upload-request');
  image = await import('../../lib/media/image');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
  author = await createActor('AUTHOR');
});

after(async () => {
  await disconnect();
  await sql.end();
});

async function createActor(role: Actor['role'], banned = false): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, 'Uploader', $3, $4, now())`, [id, `${id}@example.test`, role, banned ? new Date() : null]);
  return { id, role, banned };
}

function post(parts: { file?: Blob | string; name?: string; type?: string; alt?: string }, headers: Record<string, string> = {}): Request {
  const form = new FormData();
  if (parts.file !== undefined) {
    if (typeof parts.file === 'string') form.append('file', parts.file);
    else form.append('file', new File([parts.file], parts.name ?? 'upload.bin', { type: parts.type ?? 'application/octet-stream' }));
  }
  if (parts.alt !== undefined) form.append('alt', parts.alt);
  return new Request(`${SITE}/api/admin/media`, { method: 'POST', body: form, headers });
}

async function send(actor: Actor | null, request: Request): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await handler.handleMediaUpload(request, async () => actor);
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

async function storedBlobs(): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM media_blobs');
  return rows[0]?.n ?? 0;
}

async function mediaRows(uploaderId: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM media WHERE uploader_id = $1', [uploaderId]);
  return rows[0]?.n ?? 0;
}

/** The stored bytes behind a returned url, read from media_blobs. */
async function fileOf(url: unknown): Promise<Buffer> {
  assert.equal(typeof url, 'string');
  const name = String(url).replace(/^\/uploads\//, '');
  assert.match(name, /^[0-9a-f]{32}\.(jpg|png|webp|avif|gif)$/);
  const { rows } = await sql.query<{ data: Buffer }>('SELECT b.data FROM media_blobs b JOIN media m ON m.id = b.media_id WHERE m.path = $1', [name]);
  assert.ok(rows[0], `no stored bytes for ${name}`);
  return rows[0].data;
}

test('a JPEG with EXIF (GPS), XMP and an ICC profile is stored without any of it, turned upright by its orientation', async () => {
  const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Hidden Author</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
  const jpeg = await solid(40, 20)
    .jpeg()
    .withExif({ IFD0: { Copyright: 'Secret Place' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 0/1' } })
    .withMetadata({ orientation: 6 })
    .withXmp(xmp)
    .withIccProfile('p3')
    .toBuffer();
  const before = await sharp(jpeg).metadata();
  assert.ok(before.exif && before.xmp && before.icc && before.orientation === 6, 'the test image carries the metadata');
  assert.ok(jpeg.includes('Secret Place') && jpeg.includes('Hidden Author'));

  const { status, body } = await send(author, post({ file: blob(jpeg), name: 'holiday.jpg', type: 'image/jpeg', alt: '  A red field  ' }));
  assert.equal(status, 201, JSON.stringify(body));
  // Orientation 6 is a quarter turn: 40×20 as stored becomes 20×40 as seen.
  assert.deepEqual({ width: body.width, height: body.height, mimeType: body.mimeType, alt: body.alt }, { width: 20, height: 40, mimeType: 'image/jpeg', alt: 'A red field' });
  assert.match(String(body.url), /\.jpg$/);
  const stored = await fileOf(body.url);
  const after = await sharp(stored).metadata();
  assert.equal(after.format, 'jpeg');
  assert.equal(after.exif, undefined, 'no EXIF (GPS) block');
  assert.equal(after.xmp, undefined, 'no XMP');
  assert.equal(after.icc, undefined, 'no ICC profile');
  assert.equal(after.orientation, undefined);
  assert.ok(!stored.includes('Secret Place') && !stored.includes('Hidden Author') && !stored.includes('GPS'));

  const { rows } = await sql.query('SELECT path, mime_type, width, height, bytes, alt, uploader_id FROM media WHERE id = $1', [body.id]);
  assert.deepEqual(rows[0], { path: String(body.url).slice('/uploads/'.length), mime_type: 'image/jpeg', width: 20, height: 40, bytes: stored.length, alt: 'A red field', uploader_id: author.id });
});

test('PNG, WebP, AVIF and animated GIF and WebP are accepted with their dimensions; animations keep their frames', async () => {
  const cases = [
    { bytes: await solid(64, 48, 4).png().toBuffer(), mimeType: 'image/png', ext: 'png', width: 64, height: 48, pages: 1 },
    { bytes: await solid(50, 30).webp().toBuffer(), mimeType: 'image/webp', ext: 'webp', width: 50, height: 30, pages: 1 },
    { bytes: await solid(33, 21).avif().toBuffer(), mimeType: 'image/avif', ext: 'avif', width: 33, height: 21, pages: 1 },
    { bytes: await animated('gif'), mimeType: 'image/gif', ext: 'gif', width: 30, height: 20, pages: 3 },
    { bytes: await animated('webp'), mimeType: 'image/webp', ext: 'webp', width: 30, height: 20, pages: 3 },
  ];
  for (const c of cases) {
    // A misleading name and declared type change nothing: the bytes decide.
    const { status, body } = await send(author, post({ file: blob(c.bytes), name: 'photo.jpg', type: 'image/jpeg' }));
    assert.equal(status, 201, `${c.mimeType}: ${JSON.stringify(body)}`);
    assert.deepEqual({ mimeType: body.mimeType, width: body.width, height: body.height }, { mimeType: c.mimeType, width: c.width, height: c.height });
    assert.ok(String(body.url).endsWith(`.${c.ext}`), String(body.url));
    const meta = await sharp(await fileOf(body.url), { animated: true }).metadata();
    assert.equal(meta.pages ?? 1, c.pages, `${c.mimeType} frames`);
    if (c.pages > 1) assert.deepEqual(meta.delay, [100, 100, 100]);
  }
});

test('refused files leave no bytes and no row: text named .jpg, SVG, TIFF, a truncated JPEG; each says why', async () => {
  const uploader = await createActor('CONTRIBUTOR');
  const blobsBefore = await storedBlobs();
  const jpeg = await solid(400, 300).jpeg().toBuffer();
  const cases: { bytes: Uint8Array; name: string; type: string; status: number; message: RegExp }[] = [
    { bytes: Buffer.from('Just some text, not a picture.\n'), name: 'notes.jpg', type: 'image/jpeg', status: 400, message: /not an image Quire can read.*JPEG, PNG, WebP, AVIF or GIF/ },
    {
      bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'),
      name: 'logo.png',
      type: 'image/png',
      status: 400,
      message: /This file is SVG \(detected from its content\)/,
    },
    { bytes: await solid(20, 20).tiff().toBuffer(), name: 'scan.png', type: 'image/png', status: 400, message: /This file is TIFF/ },
    { bytes: jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), name: 'cut.jpg', type: 'image/jpeg', status: 400, message: /damaged or incomplete|not an image/ },
  ];
  for (const c of cases) {
    const { status, body } = await send(uploader, post({ file: blob(c.bytes), name: c.name, type: c.type }));
    assert.equal(status, c.status, `${c.name}: ${JSON.stringify(body)}`);
    assert.match(String(body.error), c.message);
  }
  assert.equal(await storedBlobs(), blobsBefore, 'no bytes stored');
  assert.equal(await mediaRows(uploader.id), 0, 'no row written');
});

test('a JPEG cut short after its header is refused as damaged, not stored as half a picture', async () => {
  const jpeg = await sharp({ create: { width: 600, height: 400, channels: 3, background: 'grey', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg()
    .toBuffer();
  const cut = jpeg.subarray(0, Math.floor(jpeg.length / 2));
  const meta = await sharp(cut).metadata();
  assert.equal(meta.width, 600, 'the header is intact: only decoding can tell');
  const result = await image.prepareImage(cut);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.message : '', /damaged or incomplete/);
});

test('too large: a body over 10 MB (with or without Content-Length), a 10 MB+ file, too many pixels', async () => {
  const uploader = await createActor('AUTHOR');
  const big = new Uint8Array(10 * 1024 * 1024 + 100 * 1024);
  const streamed = await send(uploader, post({ file: blob(big), name: 'big.png', type: 'image/png' }));
  assert.equal(streamed.status, 413);
  assert.match(String(streamed.body.error), /larger than 10 MB/);

  const declared = post({ file: blob(new Uint8Array(10)), name: 'a.png' }, {});
  const withLength = new Request(declared, { headers: { 'content-type': declared.headers.get('content-type') ?? '', 'content-length': String(11 * 1024 * 1024) } });
  assert.equal((await send(uploader, withLength)).status, 413);

  const justOver = await image.prepareImage(new Uint8Array(10 * 1024 * 1024 + 1));
  assert.deepEqual(justOver.ok ? null : justOver.status, 413);

  // A PNG header claiming 20,000 × 20,000 pixels (a decompression bomb's first bytes).
  const bomb = await image.prepareImage(pngHeader(20_000, 20_000));
  assert.equal(bomb.ok, false);
  assert.equal(!bomb.ok && bomb.status, 413);
  assert.match(!bomb.ok ? bomb.message : '', /too many pixels/);
  assert.equal(await mediaRows(uploader.id), 0);
});

test('who may upload: anonymous 401, member and banned contributor 403, cross-site 403; the form is checked', async () => {
  const png = blob(await solid(8, 8).png().toBuffer());
  const anonymous = await send(null, post({ file: png }));
  assert.deepEqual([anonymous.status, anonymous.body.error], [401, 'Sign in to upload images.']);
  const member = await send(await createActor('MEMBER'), post({ file: png }));
  assert.equal(member.status, 403);
  assert.match(String(member.body.error), /Only contributors/);
  const banned = await send(await createActor('CONTRIBUTOR', true), post({ file: png }));
  assert.equal(banned.status, 403);
  assert.match(String(banned.body.error), /no longer upload/);
  const crossSite = await send(author, post({ file: png }, { origin: 'https://evil.example' }));
  assert.equal(crossSite.status, 403);

  const json = await send(author, new Request(`${SITE}/api/admin/media`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }));
  assert.equal(json.status, 415);
  const noFile = await send(author, post({ alt: 'nothing' }));
  assert.deepEqual([noFile.status, noFile.body.error], [400, 'Choose an image file to upload (form field "file").']);
  const textField = await send(author, post({ file: 'not a file' }));
  assert.equal(textField.status, 400);
  const longAlt = await send(author, post({ file: png, alt: 'x'.repeat(301) }));
  assert.equal(longAlt.status, 400);
  assert.match(String(longAlt.body.error), /alt text/);
  const sameSite = await send(author, post({ file: png }, { origin: SITE }));
  assert.equal(sameSite.status, 201);
});

test('the 31st upload within 10 minutes is refused with 429 and Retry-After', async () => {
  const uploader = await createActor('CONTRIBUTOR');
  const png = blob(await solid(2, 2).png().toBuffer());
  for (let i = 0; i < 30; i++) assert.equal((await send(uploader, post({ file: png }))).status, 201, `upload ${i + 1}`);
  const refused = await send(uploader, post({ file: png }));
  assert.equal(refused.status, 429);
  assert.match(String(refused.body.error), /too fast/);
  assert.ok(Number(refused.headers.get('retry-after')) > 0);
  assert.equal(await mediaRows(uploader.id), 30);
});
