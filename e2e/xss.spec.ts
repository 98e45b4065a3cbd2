import type { Page } from '@playwright/test';
import { XSS_PAYLOADS } from '../tests/fixtures/xss-payloads';
import { mapLimit, postComment } from './helpers/comment-api';
import { getPost } from './helpers/db';
import { expect, test } from './helpers/fixtures';
import { activeContent, recordDialogs } from './helpers/inert';
import { createUser, db, signInAs, type TestUser } from './helpers/users';

// Known XSS payloads (tests/fixtures/xss-payloads.ts) as comment bodies and as display
// names, and every page that shows them: the thread (anonymous and signed in), a hostile
// member's own pages, and the moderation queue. Rendered inert means no dialog opens in
// Chromium and the DOM holds no on* attribute, no javascript: URL and no script in a
// comment. Bodies go through the real write path (POST /api/comments renders and
// sanitizes on write); hostile names are written straight into the database, as an
// account created before the profile form validated names would be.

// Only this spec writes comments on this post.
const SLUG = 'certifications-worth-the-time';
const POSTING = 4; // requests at once; each author posts once, from an address of its own

type Posted = { id: string; n: number; kind: 'body' | 'name'; author: TestUser };

let posted: Posted[] = [];

const normalized = (body: string) => body.replace(/\r\n?/g, '\n').trim();

test.beforeAll(async ({ browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error('e2e: no baseURL in the Playwright config');
  expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(30);
  const { id: postId } = await getPost(SLUG);
  const jobs = XSS_PAYLOADS.flatMap((payload, i) => [
    { n: i + 1, kind: 'body' as const, name: `Body author ${i + 1}`, body: payload },
    { n: i + 1, kind: 'name' as const, name: payload, body: `A comment by hostile name ${i + 1}.` },
  ]);
  posted = await mapLimit(jobs, POSTING, async ({ n, kind, name, body }) => {
    const author = await createUser({ name });
    const result = await postComment(browser, baseURL, { author, postId, body });
    if (result.held) throw new Error(`payload ${n} (${kind}) was held for moderation, so no reader would see it`);
    return { id: result.id, n, kind, author };
  });
});

const nameComments = () => posted.filter((p) => p.kind === 'name');
const label = (p: Posted) => `payload ${p.n} as a ${p.kind}`;

test('every payload was stored through the write path, bodies as written and rendered on write', async () => {
  const { rows } = await db().query<{ id: string; body: string; body_html: string; name: string }>(
    'SELECT c.id, c.body, c.body_html, u.name FROM comments c JOIN users u ON u.id = c.author_id WHERE c.id = ANY($1)',
    [posted.map((p) => p.id)],
  );
  const byId = new Map(rows.map((r) => [r.id, r]));
  expect(posted).toHaveLength(XSS_PAYLOADS.length * 2);
  for (const p of posted) {
    const row = byId.get(p.id);
    const payload = XSS_PAYLOADS[p.n - 1] ?? '';
    expect(row, `${label(p)} is stored`).toBeDefined();
    if (p.kind === 'body') {
      expect(row?.body, `${label(p)}: the body as written`).toBe(normalized(payload));
      expect(row?.body_html, `${label(p)}: rendered HTML stored with it`).not.toBe('');
    } else {
      expect(row?.name, `${label(p)}: the author's name`).toBe(payload);
    }
  }
});

test('the checks notice a payload that does run (so a pass means something)', async ({ page }) => {
  const dialogs = recordDialogs(page);
  await page.setContent(
    '<a href=" JaVa\tScRiPt:void(0)">x</a><img src="data:," onerror="alert(1)"><ol data-testid="comment-list"><li><script>1</script></li></ol><div class="c-body"><iframe></iframe></div>',
  );
  await expect.poll(() => dialogs.length).toBe(1);
  const offences = await activeContent(page);
  expect(offences.some((o) => o.includes('onerror='))).toBe(true);
  expect(offences.some((o) => o.includes('href='))).toBe(true);
  expect(offences.some((o) => o.includes('a script inside a comment list'))).toBe(true);
  expect(offences.some((o) => o.includes('<iframe> inside a comment body'))).toBe(true);
});

type ThreadPage = { path: string; ids: string[]; authors: Record<string, string>; offences: string[] };

/** Every page of the post's thread, from the first until there is no next page. */
async function readThread(page: Page): Promise<ThreadPage[]> {
  const pages: ThreadPage[] = [];
  for (let n = 1; n <= 20; n += 1) {
    const path = n === 1 ? `/post/${SLUG}` : `/post/${SLUG}/comments?page=${n}`;
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const { ids, authors } = await page.evaluate(() => {
      const items = Array.from(document.querySelectorAll('[data-testid="comment-list"] li[id^="comment-"]'));
      const found: Record<string, string> = {};
      for (const li of items) found[li.id.slice('comment-'.length)] = li.querySelector(':scope > article .c-author')?.textContent ?? '';
      return { ids: Object.keys(found), authors: found };
    });
    pages.push({ path, ids, authors, offences: await activeContent(page) });
    if ((await page.getByRole('link', { name: 'Next comments page' }).count()) === 0) break;
  }
  return pages;
}

async function checkThread(page: Page, who: string) {
  const dialogs = recordDialogs(page);
  const pages = await readThread(page);
  const shown = new Map<string, string>();
  for (const p of pages) for (const id of p.ids) shown.set(id, p.authors[id] ?? '');
  expect(posted.filter((p) => !shown.has(p.id)).map(label), `${who}: payload comments missing from the thread`).toEqual([]);
  for (const p of nameComments()) expect(shown.get(p.id), `${who}: ${label(p)} shown as text`).toBe(XSS_PAYLOADS[p.n - 1]);
  expect(pages.flatMap((p) => p.offences.map((o) => `${p.path}: ${o}`)), `${who}: active content on the thread`).toEqual([]);
  expect(dialogs, `${who}: dialogs opened`).toEqual([]);
}

test('the thread, read anonymously, renders every payload inert', async ({ page }) => {
  test.setTimeout(120_000);
  await checkThread(page, 'anonymous');
});

test('the thread, read by a signed-in member (the dynamic variant with forms), renders every payload inert', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await signInAs(context, await createUser({ name: 'Plain Reader' }), baseURL ?? '');
  await checkThread(page, 'signed-in member');
});

// Attribute breakouts, script tags, template injection and the polyglots, as the reader's own name.
const SIGNED_IN_SAMPLE = [1, 7, 8, 10, 12, 41, 84, 85, 86, 87, 88, 89, 90];

test('a hostile-named member reading the thread: "Commenting as" and the header show the name as text', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const dialogs = recordDialogs(page);
  for (const n of SIGNED_IN_SAMPLE) {
    const author = nameComments().find((p) => p.n === n)?.author;
    if (!author) throw new Error(`no hostile-named author for payload ${n}`);
    await context.clearCookies();
    await signInAs(context, author, baseURL ?? '');
    await page.goto(`/post/${SLUG}`);
    const commentingAs = page.locator('#comments p', { hasText: 'Commenting as' }).locator('strong');
    expect(await commentingAs.textContent(), `payload ${n}: "Commenting as" name`).toBe(author.name);
    await expect.poll(() => page.locator('header a[href="/profile"]').textContent(), { message: `payload ${n}: header name` }).toBe(author.name);
    expect(await activeContent(page), `payload ${n}: active content on the thread, signed in as its author`).toEqual([]);
  }
  expect(dialogs).toEqual([]);
});

const PROFILE_CHUNK = 15;
for (let start = 0; start < XSS_PAYLOADS.length; start += PROFILE_CHUNK) {
  const numbers = Array.from({ length: Math.min(PROFILE_CHUNK, XSS_PAYLOADS.length - start) }, (_, i) => start + i + 1);
  test(`/profile of members named with payloads ${numbers[0]}–${numbers.at(-1)} renders the name inert`, async ({ page, context, baseURL }) => {
    test.setTimeout(90_000);
    const dialogs = recordDialogs(page);
    for (const n of numbers) {
      const author = nameComments().find((p) => p.n === n)?.author;
      if (!author) throw new Error(`no hostile-named author for payload ${n}`);
      await context.clearCookies();
      await signInAs(context, author, baseURL ?? '');
      const res = await page.goto('/profile');
      expect(res?.status(), `payload ${n}: /profile`).toBe(200);
      expect(await page.locator('#account-heading').textContent(), `payload ${n}: profile heading`).toBe(author.name);
      await expect.poll(() => page.locator('header a[href="/profile"]').textContent(), { message: `payload ${n}: header name` }).toBe(author.name);
      expect(await activeContent(page), `payload ${n}: active content on /profile`).toEqual([]);
    }
    expect(dialogs).toEqual([]);
  });
}

test('/admin/comments, as an editor, renders every payload comment and name inert', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  await signInAs(context, await createUser({ role: 'EDITOR' }), baseURL ?? '');
  const dialogs = recordDialogs(page);
  const wanted = new Set(posted.map((p) => p.id));
  const offences: string[] = [];
  // Other specs add comments too: read the queue until every payload comment has been seen.
  for (let n = 1; n <= 40 && wanted.size > 0; n += 1) {
    const path = `/admin/comments?filter=all&page=${n}`;
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const ids = await page.locator('[data-testid="moderation-queue"] > li').evaluateAll((items) => items.map((li) => li.getAttribute('data-comment-id') ?? ''));
    for (const id of ids) wanted.delete(id);
    offences.push(...(await activeContent(page)).map((o) => `${path}: ${o}`));
    if ((await page.getByRole('link', { name: 'Older' }).count()) === 0) break;
  }
  expect(posted.filter((p) => wanted.has(p.id)).map(label), 'payload comments missing from the queue').toEqual([]);
  expect(offences).toEqual([]);
  expect(dialogs).toEqual([]);
});
