import { request as playwrightRequest, type Locator, type Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './helpers/fixtures';
import { createUser, db, signInAs } from './helpers/users';

// Inline images in the editor and images on the public post page: an author chooses,
// drops or pastes an image into the body, the markdown goes in at the cursor, the preview
// shows it and autosave keeps it; a fake image is refused and leaves the body as it was.
// Published, the cover is an optimizer srcset written by the server (preloaded from the
// <head>) and the body image has a /_next/image srcset and its size. Runs in the `publishing` project (it publishes a post).

const UPLOAD = /\/uploads\/[0-9a-f]{32}\.(png|jpg)/;

async function picture(width: number, height: number, format: 'png' | 'jpeg' = 'png'): Promise<Buffer> {
  const image = sharp({ create: { width, height, channels: 3, background: { r: 200, g: 90, b: 40 } } });
  return format === 'png' ? image.png().toBuffer() : image.jpeg().toBuffer();
}

async function newPostAsAuthor(page: Page, baseURL: string | undefined): Promise<string> {
  await signInAs(page.context(), await createUser({ role: 'AUTHOR' }), baseURL ?? '');
  await page.goto('/admin/posts');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveURL(/\/admin\/posts\/[a-z0-9]+$/);
  return page.url().split('/').pop() ?? '';
}

async function savedBody(id: string): Promise<string | undefined> {
  const { rows } = await db().query<{ body: string }>('SELECT body FROM posts WHERE id = $1', [id]);
  // A form posts a textarea's line breaks as CRLF.
  return rows[0]?.body.replaceAll('\r\n', '\n');
}

/** Types the text and puts the cursor at `at`. */
async function writeBody(body: Locator, text: string, at: number) {
  await body.fill(text);
  await body.evaluate((el: HTMLTextAreaElement, pos) => el.setSelectionRange(pos, pos), at);
}

async function chooseWithToolbar(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Image', exact: true }).click();
  await (await chooser).setFiles(file);
}

test('an image chosen with the toolbar goes in at the cursor, shows in the preview, and autosave keeps it', async ({ page, baseURL }) => {
  const id = await newPostAsAuthor(page, baseURL);
  const body = page.getByLabel('Body (markdown)');
  await writeBody(body, 'First paragraph.\n\n\n\nLast paragraph.', 'First paragraph.\n\n'.length);
  await expect.poll(() => savedBody(id), { timeout: 15_000 }).toBe('First paragraph.\n\n\n\nLast paragraph.');

  await chooseWithToolbar(page, { name: 'sea-at_dawn.png', mimeType: 'image/png', buffer: await picture(800, 600) });
  await expect(body).toHaveValue(/^First paragraph\.\n\n!\[sea at dawn\]\(\/uploads\/[0-9a-f]{32}\.png\)\n\nLast paragraph\.$/);
  const url = UPLOAD.exec(await body.inputValue())?.[0] ?? '';
  const { rows } = await db().query<{ alt: string; width: number }>('SELECT alt, width FROM media WHERE path = $1', [url.slice('/uploads/'.length)]);
  expect(rows[0]).toEqual({ alt: 'sea at dawn', width: 800 });

  // The preview is the public pipeline: a resized, sized, lazy image that really loads.
  const shown = page.getByTestId('preview').getByRole('img', { name: 'sea at dawn' });
  await expect(shown).toHaveAttribute('srcset', new RegExp(`^/_next/image\\?url=${encodeURIComponent(url)}&w=32&q=75 32w, `));
  await expect(shown).toHaveAttribute('width', '800');
  await expect(shown).toHaveAttribute('height', '600');
  await shown.scrollIntoViewIfNeeded();
  await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

  // The image's change goes through the same path as typing: autosave picks it up.
  const withImage = await body.inputValue();
  await expect.poll(() => savedBody(id), { timeout: 15_000 }).toBe(withImage);
});

test('an image dropped on the body or pasted into it goes in at the cursor', async ({ page, baseURL }) => {
  const id = await newPostAsAuthor(page, baseURL);
  const body = page.getByLabel('Body (markdown)');
  await writeBody(body, 'Start  end', 'Start '.length);
  const send = async (kind: 'drop' | 'paste', name: string) => {
    const bytes = (await picture(120, 90, 'jpeg')).toString('base64');
    await body.evaluate(
      (el, { kind, name, bytes }) => {
        const data = new DataTransfer();
        data.items.add(new File([Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0))], name, { type: 'image/jpeg' }));
        const init = { bubbles: true, cancelable: true };
        el.dispatchEvent(kind === 'drop' ? new DragEvent('drop', { ...init, dataTransfer: data }) : new ClipboardEvent('paste', { ...init, clipboardData: data }));
      },
      { kind, name, bytes },
    );
  };
  await send('drop', 'pier.jpg');
  await expect(body).toHaveValue(/^Start !\[pier\]\(\/uploads\/[0-9a-f]{32}\.jpg\) end$/);
  await send('paste', 'image.jpg');
  await expect(body).toHaveValue(/^Start !\[pier\]\(\/uploads\/[0-9a-f]{32}\.jpg\)!\[image\]\(\/uploads\/[0-9a-f]{32}\.jpg\) end$/);
  // The image's change goes through the same path as typing: autosave picks it up.
  const withImage = await body.inputValue();
  await expect.poll(() => savedBody(id), { timeout: 15_000 }).toBe(withImage);
});

test('a text file named .png is refused with the reason and the body stays as it was', async ({ page, baseURL }) => {
  const id = await newPostAsAuthor(page, baseURL);
  const body = page.getByLabel('Body (markdown)');
  const text = 'Nothing but words here.';
  await writeBody(body, text, 8);
  await expect(page.getByTestId('save-state')).toHaveText('Saved.', { timeout: 15_000 });
  await chooseWithToolbar(page, { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('I am not a picture.\n') });
  await expect(page.getByTestId('body-image-status')).toHaveText('fake.png was not uploaded: This file is not an image Quire can read. Upload JPEG, PNG, WebP, AVIF or GIF.');
  await expect(body).toHaveValue(text);
  await expect(page.getByTestId('save-state')).toHaveText('Saved.');
  expect(await savedBody(id)).toBe(text);
});

test('published: the cover is an optimizer srcset and the body image has a srcset and its size, both served by the optimizer', async ({ page, baseURL, browser }) => {
  const id = await newPostAsAuthor(page, baseURL);
  const title = `Pictures ${Date.now().toString(36)}`;
  await page.getByLabel('Title', { exact: true }).fill(title);
  await page.getByLabel('Cover description (alt text)').fill('An orange field');
  await page.getByLabel('Upload a cover image').setInputFiles({ name: 'cover.jpg', mimeType: 'image/jpeg', buffer: await picture(1200, 675, 'jpeg') });
  await expect(page.getByLabel('Cover image address')).toHaveValue(UPLOAD);
  const body = page.getByLabel('Body (markdown)');
  await writeBody(body, 'Above.\n\n', 'Above.\n\n'.length);
  await chooseWithToolbar(page, { name: 'inline.png', mimeType: 'image/png', buffer: await picture(800, 600) });
  await expect(body).toHaveValue(/!\[inline\]\(\/uploads\/[0-9a-f]{32}\.png\)$/);
  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByTestId('save-state')).toHaveText('Published.');
  const { rows } = await db().query<{ slug: string; cover_alt: string }>('SELECT slug, cover_alt FROM posts WHERE id = $1', [id]);
  expect(rows[0]?.cover_alt).toBe('An orange field');

  const reader = await playwrightRequest.newContext({ baseURL });
  const readerPage = await browser.newPage({ baseURL });
  try {
    await readerPage.goto(`/post/${rows[0]?.slug}`);
    const cover = readerPage.getByTestId('post-cover');
    await expect(cover).toHaveAttribute('alt', 'An orange field');
    await expect(cover).toHaveAttribute('src', /^\/_next\/image\?url=%2Fuploads%2F[0-9a-f]{32}\.jpg&w=\d+&q=75$/);
    await expect(cover).toHaveAttribute('srcset', /\/_next\/image\?url=%2Fuploads%2F.+ 1200w/);
    await expect(cover).toHaveAttribute('width', '1200');
    await expect(cover).toHaveAttribute('height', '675');
    await expect(cover).toHaveAttribute('fetchpriority', 'high');
    // Asked for from the <head>, before the body is parsed: the page's largest image.
    await expect(readerPage.locator('head link[rel="preload"][as="image"]')).toHaveAttribute('imagesrcset', (await cover.getAttribute('srcset')) ?? '?');

    const inline = readerPage.locator('article .prose img');
    await expect(inline).toHaveAttribute('alt', 'inline');
    await expect(inline).toHaveAttribute('srcset', /^\/_next\/image\?url=%2Fuploads%2F[0-9a-f]{32}\.png&w=32&q=75 32w, .* 750w$/);
    await expect(inline).toHaveAttribute('width', '800');
    await expect(inline).toHaveAttribute('height', '600');
    await expect(inline).toHaveAttribute('loading', 'lazy');

    for (const img of [cover, inline]) {
      const src = (await img.getAttribute('src')) ?? '';
      const served = await reader.get(src, { headers: { accept: 'image/webp,image/*' } });
      expect(served.status(), src).toBe(200);
      expect(served.headers()['content-type']).toMatch(/^image\//);
    }
    // The card on the home page crops the cover through the optimizer too.
    await readerPage.goto('/');
    const card = readerPage.locator('article', { has: readerPage.getByRole('link', { name: title }) }).getByRole('img', { name: 'An orange field' });
    await expect(card).toHaveAttribute('src', /^\/_next\/image\?url=%2Fuploads%2F/);
  } finally {
    await readerPage.close();
    await reader.dispose();
  }
});
