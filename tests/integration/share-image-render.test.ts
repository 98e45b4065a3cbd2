import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import sharp from 'sharp';
import { createAuthor, pool } from './helpers/fixtures';

// Drawing share images (lib/og) without Next: the card is a 1200×630 PNG, characters the
// shipped fonts lack are left out instead of fetched (next/og would download a font for
// them: no request may leave the process), and a cover comes from the media store.

let sql: pg.Pool;
let og: { render: typeof import('../../lib/og/render'); cards: typeof import('../../lib/og/cards'); fonts: typeof import('../../lib/og/fonts'); cover: typeof import('../../lib/og/cover') };
let upload: typeof import('../../lib/media/upload');
let disconnect: () => Promise<void>;
const fetched: string[] = [];
const realFetch = globalThis.fetch;

before(async () => {
  // Any request the renderer makes over the network is recorded and refused (satori reads
  // its own WebAssembly through fetch of a data: URL, which stays in the process).
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith('data:')) return realFetch(input, init);
    fetched.push(url);
    throw new Error('no network in share images');
  };
  og = {
    render: await import('../../lib/og/render'),
    cards: await import('../../lib/og/cards'),
    fonts: await import('../../lib/og/fonts'),
    cover: await import('../../lib/og/cover'),
  };
  upload = await import('../../lib/media/upload');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
});

after(async () => {
  globalThis.fetch = realFetch;
  await disconnect();
  await sql.end();
});

function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const buf = Buffer.from(bytes);
  assert.deepEqual([...buf.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(buf.subarray(12, 16).toString('latin1'), 'IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

test('characters the fonts lack are left out, so a title in any script draws without a request', async () => {
  const { drawable } = await og.fonts.ogFonts();
  assert.equal(drawable('Ñandú — «Título» 日本語のタイトル'), 'Ñandú — «Título»');
  assert.equal(drawable('  two\n lines\t'), 'two lines');
  const png = await og.render.renderPng((d) => og.cards.PostCard({ siteName: d('Quire'), title: d('Ñandú 日本語 🛸 𓀀'), byline: d('Ada · 3 dic 2026'), cover: null }));
  assert.deepEqual(pngSize(png), { width: 1200, height: 630 });
  assert.deepEqual(fetched, []);
});

test('a cover is read from the media store and cut to the card’s cover box; anything else is left out', async () => {
  const author = { id: await createAuthor(sql), role: 'AUTHOR' as const, banned: false };
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#1e78c8' } }).jpeg().toBuffer();
  const stored = await upload.uploadImage(author, { bytes: photo, alt: '' });
  assert.ok(stored.ok, JSON.stringify(stored));

  const dataUrl = await og.cover.coverDataUrl(stored.url);
  assert.match(dataUrl ?? '', /^data:image\/jpeg;base64,/);
  const meta = await sharp(Buffer.from((dataUrl ?? '').split(',')[1] ?? '', 'base64')).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 520, 630]);

  assert.equal(await og.cover.coverDataUrl(`/uploads/${'0'.repeat(32)}.jpg`), null, 'no such upload');
  assert.equal(await og.cover.coverDataUrl('/images/site-picture.png'), null, 'not in the media store');
  assert.equal(await og.cover.coverDataUrl(null), null);
  const png = await og.render.renderPng((d) => og.cards.PostCard({ siteName: d('Quire'), title: d('With a cover'), byline: d('Ada'), cover: dataUrl }));
  const { data, info } = await sharp(Buffer.from(png)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
  const [r, g, b] = at(1000, 315);
  assert.ok(Math.abs((r ?? 0) - 0x1e) < 12 && Math.abs((g ?? 0) - 0x78) < 12 && Math.abs((b ?? 0) - 0xc8) < 12, `cover pixel ${r},${g},${b}`);
  assert.deepEqual(fetched, []);
});
