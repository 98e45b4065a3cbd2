import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { commentIdByBody } from './comment-rows';
import { getPost } from './db';
import { expect, randomAddress, test as base } from './fixtures';
import { signInAs, type TestUser } from './users';

// Comment helpers for the e2e specs, the page side: extra visitors (each with their own
// address, so the per-address comment limit of one per 10 s never refuses a test's setup),
// comments written through POST /api/comments (the same checks as the form, and it
// invalidates the thread's cache), and finding comments and their controls on a page. The
// rows behind what the pages show: comment-rows.ts; comments sent from outside a test's
// page: comment-api.ts.

/**
 * The post the reader comment specs (comments, comments-editing, comments-likes-sorting)
 * share (moderation.spec.ts uses another): each test finds its own comments by id and counts
 * only what it wrote, so the files may run side by side.
 */
export const SHARED_POST = { slug: 'running-a-risk-workshop-in-one-hour', path: '/post/running-a-risk-workshop-in-one-hour' } as const;

/** A comment text no other test writes. */
export function uniqueText(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

export async function postIdOf(slug: string): Promise<string> {
  return (await getPost(slug)).id;
}

type CommentFixtures = {
  /** Signs the test's own page in as `user` and, given `path`, opens it there. */
  signIn: (user: TestUser, path?: string) => Promise<void>;
  /** Another visitor in the same test, from its own address, signed in as `user` when given; closed after the test. */
  visitor: (user?: TestUser) => Promise<Page>;
  /** Writes a comment (or a reply) as `user` through the JSON API, from a fresh address; expects 201. */
  apiComment: (user: TestUser, input: { postId: string; body: string; parentId?: string }) => Promise<{ id: string; held: boolean }>;
};

export const test = base.extend<CommentFixtures>({
  signIn: async ({ page, baseURL }, provide) => {
    await provide(async (user, path) => {
      await signInAs(page.context(), user, baseURL ?? '');
      if (path) await page.goto(path);
    });
  },
  visitor: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (user) => {
      const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
      contexts.push(context);
      if (user) await signInAs(context, user, baseURL ?? '');
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
  apiComment: async ({ visitor }, provide) => {
    await provide(async (user, input) => {
      const page = await visitor(user);
      const res = await page.request.post('/api/comments', { data: input });
      expect(res.status(), await res.text()).toBe(201);
      return (await res.json()) as { id: string; held: boolean };
    });
  },
});

export { expect };

/** Fills the top-level comment form and publishes it (the page must show the form). */
export async function submitComment(page: Page, body: string): Promise<void> {
  const form = page.getByTestId('comment-form');
  await form.getByLabel('Write a comment').fill(body);
  await form.getByRole('button', { name: 'Publish' }).click();
}

/** Publishes a comment through the form and waits until the page shows it; returns its id. */
export async function writeComment(page: Page, body: string, marker = body): Promise<string> {
  await submitComment(page, body);
  await expect.poll(() => commentIdByBody(body), { message: 'the comment is stored' }).toBeTruthy();
  const id = await commentIdByBody(body);
  if (!id) throw new Error('e2e: the comment vanished');
  await expect(commentArticle(page, id)).toContainText(marker);
  return id;
}

/** The comment's own <article> (its replies are outside it, in the <li> around it). */
export function commentArticle(page: Page, id: string): Locator {
  return page.locator(`#comment-${id} > article`);
}

/**
 * What opens a comment's form, by its text ("Reply", "Edit", "Report"): the <summary> of
 * a form on the page, or the link that opens it (`?reply=<id>`, `?report=<id>`: the page
 * comes back with that form open, with or without JavaScript).
 */
export function disclosure(article: Locator, name: string): Locator {
  return article.locator('summary, a.c-open', { hasText: new RegExp(`^${name}$`) });
}

/**
 * Opens a comment's form by its disclosure (`disclosure`). A link reloads the page with the
 * form open: this waits until that page has loaded and its scripts have run, so what is
 * typed next replaces the form's final text (an edit form starts with the comment's text).
 */
export async function openForm(article: Locator, name: string): Promise<void> {
  const opener = disclosure(article, name);
  const query = (await opener.getAttribute('href'))?.split('#')[0]?.replace(/^\?/, '');
  await opener.click();
  if (!query) return;
  await article.page().waitForURL((url) => url.search.includes(query));
  // With JavaScript, hydration sets the form's text again: type only after it.
  await article.page().waitForLoadState('networkidle');
}

/**
 * Ids of the top-level threads, in the order the page shows them. Only the visible list:
 * after a client-side navigation to another route, Next keeps the previous page in the
 * DOM, hidden, with its own copy of the thread.
 */
export async function threadOrder(page: Page): Promise<string[]> {
  const ids = await page.getByTestId('comment-list').filter({ visible: true }).locator(':scope > li').evaluateAll((items) => items.map((li) => li.id));
  return ids.map((id) => id.replace(/^comment-/, ''));
}

/** Reloads until `check` passes (cached pages and counters lag by up to seconds). */
export async function reloadUntil(page: Page, check: () => Promise<void>, timeout = 20_000): Promise<void> {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [250, 500, 1000] });
}

/** "1 comment", "3 comments": the counters' wording. */
export function commentsLabel(n: number): string {
  return `${n} ${n === 1 ? 'comment' : 'comments'}`;
}

/** One comment's entry in the moderation queue (/admin/comments). */
export function queueItem(page: Page, id: string): Locator {
  return page.getByTestId('moderation-queue').locator(`li[data-comment-id="${id}"]`);
}

/** A browser context signed in as `user`, from an address of its own (so per-address limits do not collide). */
export async function contextFor(browser: Browser, user: TestUser, baseURL: string): Promise<{ context: BrowserContext; address: string }> {
  const address = randomAddress();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address } });
  await signInAs(context, user, baseURL);
  return { context, address };
}
