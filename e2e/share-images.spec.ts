import { request as playwrightRequest, type APIRequestContext } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './helpers/fixtures';
import { metaContent } from './helpers/html';
import { insertPost } from './helpers/posts';
import { SEED_PATH, SEED_TITLE, SITE_NAME } from './helpers/site';
import { createUser, db, signInAs } from './helpers/users';

// Share images (next/og): every page names a 1200×630 PNG in og:image (with its size and
// alt) and twitter:image; a post's is drawn from its title, author, date and cover (read
// from the media store), cached with the post, and redrawn when its title changes.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the PNG's header: the signature, then the IHDR chunk (length, type, width, height). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

type ShareMeta = { image: string; width: string | null; height: string | null; alt: string | null; card: string | null; twitterImage: string | null };

async function shareMeta(request: APIRequestContext, path: string): Promise<ShareMeta> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  const html = await response.text();
  const image = metaContent(html, 'og:image');
  expect(image, `og:image on ${path}`).not.toBeNull();
  return {
    image: image ?? '',
    width: metaContent(html, 'og:image:width'),
    height: metaContent(html, 'og:image:height'),
    alt: metaContent(html, 'og:image:alt'),
    card: metaContent(html, 'twitter:card'),
    twitterImage: metaContent(html, 'twitter:image'),
  };
}

/** The image at an absolute og:image URL, fetched from this run's server (the URL's origin is the site's). */
async function fetchImage(request: APIRequestContext, url: string, headers: Record<string, string> = {}) {
  const { pathname, search } = new URL(url);
  return request.get(`${pathname}${search}`, { headers });
}

test('a post page names its own 1200×630 PNG, served with a version that may be cached for good', async ({ request }) => {
  const meta = await shareMeta(request, SEED_PATH);
  expect(meta.image).toMatch(/^https?:\/\/[^/]+\/og\/post\/pmo-career-path-five-issues-connection-a-pmo\?v=[\w-]{16}$/);
  expect([meta.width, meta.height, meta.card, meta.twitterImage]).toEqual(['1200', '630', 'summary_large_image', meta.image]);
  expect(meta.alt).toContain(SEED_TITLE);
  expect(meta.alt).toContain(SITE_NAME);

  const response = await fetchImage(request, meta.image);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(response.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  const bytes = await response.body();
  expect(pngSize(bytes)).toEqual({ width: 1200, height: 630 });

  // A cache holding the bytes revalidates for a 304; an address without the current version is kept briefly only.
  const etag = response.headers()['etag'] ?? '';
  expect(etag).toMatch(/^"[\w-]+"$/);
  expect((await fetchImage(request, meta.image, { 'if-none-match': etag })).status()).toBe(304);
  const bare = await request.get(new URL(meta.image).pathname);
  expect(bare.headers()['cache-control']).toBe('public, max-age=300');
  expect(Buffer.compare(await bare.body(), bytes)).toBe(0);
});

test('home, lists and search share the site image, with size and alt', async ({ request }) => {
  const seen = new Set<string>();
  for (const path of ['/', '/blog', '/search?q=pmo']) {
    const meta = await shareMeta(request, path);
    expect(meta.image, path).toMatch(/^https?:\/\/[^/]+\/og\/site\?v=[\w-]{16}$/);
    expect([meta.width, meta.height, meta.alt, meta.card, meta.twitterImage], path).toEqual(['1200', '630', SITE_NAME, 'summary_large_image', meta.image]);
    seen.add(meta.image);
  }
  expect(seen.size).toBe(1);
  const response = await fetchImage(request, [...seen][0] ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('image/png');
  expect(pngSize(await response.body())).toEqual({ width: 1200, height: 630 });
});

test('unknown, draft, scheduled and trashed posts have no share image', async ({ request }) => {
  const author = await createUser({ role: 'AUTHOR' });
  const hidden = [
    await insertPost({ authorId: author.id, status: 'DRAFT' }),
    await insertPost({ authorId: author.id, status: 'SCHEDULED' }),
    await insertPost({ authorId: author.id, status: 'PUBLISHED', trashed: true }),
  ];
  for (const slug of ['no-such-post-anywhere', 'Not_A_Slug', ...hidden.map((p) => p.slug)]) {
    const response = await request.get(`/og/post/${slug}`);
    expect(response.status(), slug).toBe(404);
    expect(response.headers()['content-type'], slug).toContain('text/plain');
  }
});

test('an edit of the title redraws the image and gives it a new address', async ({ browser, baseURL }) => {
  const editor = await createUser({ role: 'EDITOR' });
  const post = await insertPost({ authorId: editor.id, status: 'PUBLISHED', title: `Before the edit ${Date.now()}` });
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const context = await browser.newContext({ baseURL });
  try {
    const before = await shareMeta(anonymous, `/post/${post.slug}`);
    const bytesBefore = await (await fetchImage(anonymous, before.image)).body();
    expect(pngSize(bytesBefore)).toEqual({ width: 1200, height: 630 });

    await signInAs(context, editor, baseURL ?? '');
    const page = await context.newPage();
    await page.goto(`/admin/posts/${post.id}`);
    await page.getByLabel('Title', { exact: true }).fill(`After the edit ${Date.now()}`);
    await page.getByRole('button', { name: 'Update' }).click();
    await expect(page.getByTestId('save-state')).toHaveText('Saved.');

    const after = await shareMeta(anonymous, `/post/${post.slug}`);
    expect(after.image).not.toBe(before.image);
    const bytesAfter = await (await fetchImage(anonymous, after.image)).body();
    expect(pngSize(bytesAfter)).toEqual({ width: 1200, height: 630 });
    expect(Buffer.compare(bytesAfter, bytesBefore)).not.toBe(0);
    // The old address shows the new image too (it is the post's image, whatever the version).
    expect(Buffer.compare(await (await fetchImage(anonymous, before.image)).body(), bytesAfter)).toBe(0);
  } finally {
    await Promise.all([anonymous.dispose(), context.close()]);
  }
});

test('a cover from the media store fills the right side of the image', async ({ context, baseURL }) => {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(context, author, baseURL ?? '');
  const red = await sharp({ create: { width: 900, height: 600, channels: 3, background: { r: 200, g: 30, b: 40 } } }).png().toBuffer();
  const upload = await context.request.post('/api/admin/media', {
    headers: { origin: baseURL ?? '' },
    multipart: { file: { name: 'red.png', mimeType: 'image/png', buffer: red }, alt: 'Red' },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { url } = (await upload.json()) as { url: string };
  const post = await insertPost({ authorId: author.id, status: 'PUBLISHED' });
  await db().query('UPDATE posts SET cover_image = $1 WHERE id = $2', [url, post.id]);

  const response = await context.request.get(`/og/post/${post.slug}`);
  expect(response.status()).toBe(200);
  const { data, info } = await sharp(await response.body()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([1200, 630]);
  const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
  const [r, g, b] = pixel(1000, 315);
  expect(r).toBeGreaterThan(180);
  expect(g).toBeLessThan(60);
  expect(b).toBeLessThan(70);
  // The text side stays white.
  expect(pixel(300, 20)).toEqual([255, 255, 255]);
});
