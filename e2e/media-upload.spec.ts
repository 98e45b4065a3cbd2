import { request as playwrightRequest } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './helpers/fixtures';
import { createUser, signInAs } from './helpers/users';

// Image uploads through the production server: an author posts a real image to
// POST /api/admin/media, the returned /uploads URL serves it, and next/image resizes it
// (/_next/image, sharp). A fake image and a member are refused with their messages.

async function photo(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 120, b: 200 } } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 0/1' } })
    .toBuffer();
}

test('an author uploads a photo: it is served immutable from its URL and resized by next/image', async ({ context, baseURL }) => {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(context, author, baseURL ?? '');
  const response = await context.request.post('/api/admin/media', {
    headers: { origin: baseURL ?? '' },
    multipart: { file: { name: 'beach.jpg', mimeType: 'image/jpeg', buffer: await photo(800, 600) }, alt: 'A blue sea' },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { id: string; url: string; width: number; height: number; mimeType: string };
  expect(body).toMatchObject({ width: 800, height: 600, mimeType: 'image/jpeg' });
  expect(body.url).toMatch(/^\/uploads\/[0-9a-f]{32}\.jpg$/);

  // Public: an anonymous client (no session cookie) gets it too.
  const anonymous = await playwrightRequest.newContext({ baseURL });
  try {
    const file = await anonymous.get(body.url);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('image/jpeg');
    expect(file.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
    const stored = await sharp(await file.body()).metadata();
    expect([stored.width, stored.height, stored.exif]).toEqual([800, 600, undefined]);
    // The microcache keeps only s-maxage pages: a file is left to browsers and CDNs.
    expect((await anonymous.get(body.url)).headers()['x-quire-cache']).toBeUndefined();

    const resized = await anonymous.get(`/_next/image?url=${encodeURIComponent(body.url)}&w=256&q=75`, { headers: { accept: 'image/webp,image/*' } });
    expect(resized.status()).toBe(200);
    expect(resized.headers()['content-type']).toBe('image/webp');
    const meta = await sharp(await resized.body()).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 256, 192]);

    expect((await anonymous.get(`/uploads/${'0'.repeat(32)}.jpg`)).status()).toBe(404);
    expect((await anonymous.get('/uploads/..%2Fpackage.json')).status()).toBe(404);
    // Only /uploads/** is an image source for the optimizer.
    expect((await anonymous.get(`/_next/image?url=${encodeURIComponent('/screenshots/post-page.png')}&w=256&q=75`)).status()).toBe(400);
  } finally {
    await anonymous.dispose();
  }
});

test('a text file named .png is refused with the reason; a member may not upload at all', async ({ browser, context, baseURL }) => {
  const author = await createUser({ role: 'AUTHOR' });
  await signInAs(context, author, baseURL ?? '');
  const fake = await context.request.post('/api/admin/media', {
    headers: { origin: baseURL ?? '' },
    multipart: { file: { name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from('I am not a picture.\n') } },
  });
  expect(fake.status()).toBe(400);
  expect(((await fake.json()) as { error: string }).error).toBe('This file is not an image Quire can read. Upload JPEG, PNG, WebP, AVIF or GIF.');

  const memberContext = await browser.newContext();
  try {
    await signInAs(memberContext, await createUser({ role: 'MEMBER' }), baseURL ?? '');
    const refused = await memberContext.request.post(`${baseURL}/api/admin/media`, {
      headers: { origin: baseURL ?? '' },
      multipart: { file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await photo(10, 10) } },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Only contributors/);
  } finally {
    await memberContext.close();
  }

  const signedOut = await playwrightRequest.newContext({ baseURL });
  try {
    const anonymous = await signedOut.post('/api/admin/media', { multipart: { file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await photo(10, 10) } } });
    expect(anonymous.status()).toBe(401);
  } finally {
    await signedOut.dispose();
  }
});
