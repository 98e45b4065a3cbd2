import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { parseFragment } from 'parse5';
import type pg from 'pg';
import widths from '../../lib/media/image-widths.json';
import { pool } from './helpers/fixtures';

// Uploads in the rendered post body: with their sizes from the media table (one query for
// a post), /uploads/ images get a srcset of /_next/image widths up to the original's,
// their width and height, and lazy loading. Anything else is left as the sanitizer made
// it, and the sanitizer still decides what an author may write on an <img>.

let sql: pg.Pool;
let markdown: typeof import('../../lib/markdown');
let media: typeof import('../../lib/dal/media');
let disconnect: () => Promise<void>;
let uploaderId: string;

before(async () => {
  markdown = await import('../../lib/markdown');
  media = await import('../../lib/dal/media');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
  sql = pool();
  uploaderId = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Uploader', 'AUTHOR', now())`, [uploaderId, `${uploaderId}@example.test`]);
});

after(async () => {
  await disconnect();
  await sql.end();
});

/** A media row as an upload makes it; returns its address. */
async function upload(width: number, height: number, ext = 'jpg'): Promise<string> {
  const name = `${randomBytes(16).toString('hex')}.${ext}`;
  await sql.query(`INSERT INTO media (id, path, mime_type, width, height, bytes, uploader_id) VALUES ($1, $2, 'image/jpeg', $3, $4, 1000, $5)`, [
    `m${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    name,
    width,
    height,
    uploaderId,
  ]);
  return `/uploads/${name}`;
}

type Img = Record<string, string>;

/** The <img> elements of the rendered HTML, as the browser parses them, attribute by attribute. */
function images(html: string): Img[] {
  type Node = { tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };
  const out: Img[] = [];
  const walk = (node: Node) => {
    if (node.tagName === 'img') out.push(Object.fromEntries((node.attrs ?? []).map((a) => [a.name, a.value])));
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

async function render(text: string): Promise<Img[]> {
  const { uploadUrlsIn } = await import('../../lib/media/responsive');
  return images(await markdown.renderMarkdown(text, await media.getImageSizes(uploadUrlsIn(text))));
}

const resized = (src: string, w: number) => `/_next/image?url=${encodeURIComponent(src)}&w=${w}&q=75`;

test('an uploaded image gets a srcset of the optimizer widths up to its own, its size, and lazy loading', async () => {
  const src = await upload(800, 600);
  const [img] = await render(`Before\n\n![A blue sea](${src})\n\nAfter`);
  const expected = [32, 48, 64, 96, 128, 256, 384, 640, 750];
  // The widths next.config.js gives the optimizer, so every URL is one it answers.
  assert.deepEqual(expected, [...widths.imageSizes, ...widths.deviceSizes].filter((w) => w <= 800).sort((a, b) => a - b));
  assert.deepEqual(img, {
    src: resized(src, 750),
    alt: 'A blue sea',
    srcset: expected.map((w) => `${resized(src, w)} ${w}w`).join(', '),
    sizes: '(min-width: 768px) 672px, 100vw',
    width: '800',
    height: '600',
    loading: 'lazy',
    decoding: 'async',
  });
});

test('a tiny image gets the smallest width only; an author’s pixel width is kept and the height follows', async () => {
  const tiny = await upload(20, 10, 'png');
  const photo = await upload(1600, 900);
  const [small, sized, percent] = await render(`![dot](${tiny})\n\n<img src="${photo}" alt="wide" width="400">\n\n<img src="${photo}" width="50%">`);
  assert.equal(small?.srcset, `${resized(tiny, 32)} 32w`);
  assert.deepEqual([small?.width, small?.height, small?.sizes], ['20', '10', '(min-width: 768px) 20px, 100vw']);
  assert.deepEqual([sized?.width, sized?.height, sized?.sizes], ['400', '225', '(min-width: 768px) 400px, 100vw']);
  assert.equal(sized?.src, resized(photo, 1200));
  // Not pixels (and not valid on an img): the real size replaces it.
  assert.deepEqual([percent?.width, percent?.height], ['1600', '900']);
});

test('external images, unknown uploads and other local paths stay as they are', async () => {
  const unknown = `/uploads/${randomBytes(16).toString('hex')}.jpg`;
  const imgs = await render(`![a](https://example.com/a.jpg)\n\n![b](${unknown})\n\n![c](/images/c.png)\n\n<img src="https://example.com/d.jpg" width="10" height="5">`);
  assert.deepEqual(imgs, [
    { src: 'https://example.com/a.jpg', alt: 'a' },
    { src: unknown, alt: 'b' },
    { src: '/images/c.png', alt: 'c' },
    { src: 'https://example.com/d.jpg', width: '10', height: '5' },
  ]);
});

test('the sanitizer still decides what an author writes on an <img>: no handlers, no srcset of their own', async () => {
  const src = await upload(640, 480);
  const imgs = await render(
    [
      `<img src="${src}" alt="x" onerror="alert(1)" style="width:1px" srcset="https://evil.example/t.gif 1w" loading="eager">`,
      '<img src="https://evil.example/t.gif" srcset="https://evil.example/u.gif 2x" sizes="1px" loading="eager" decoding="sync" onload="alert(1)">',
      `<img src="javascript:alert(1)" alt="js">`,
    ].join('\n\n'),
  );
  const [known, external, script] = imgs;
  assert.deepEqual(Object.keys(known ?? {}).sort(), ['alt', 'decoding', 'height', 'loading', 'sizes', 'src', 'srcset', 'width']);
  assert.equal(known?.loading, 'lazy');
  assert.doesNotMatch(known?.srcset ?? '', /evil/);
  assert.deepEqual(external, { src: 'https://evil.example/t.gif' });
  assert.deepEqual(script, { alt: 'js' });
});

test('image sizes come in one lookup that ignores anything but upload addresses', async () => {
  const a = await upload(300, 200);
  const b = await upload(50, 40, 'webp');
  const sizes = await media.getImageSizes([a, b, a, null, undefined, 'https://example.com/x.jpg', `${a}?w=1`, '/uploads/../package.json']);
  assert.deepEqual([...sizes.entries()].sort(), [
    [a, { width: 300, height: 200 }],
    [b, { width: 50, height: 40 }],
  ].sort());
  assert.equal((await media.getImageSizes([])).size, 0);
});
