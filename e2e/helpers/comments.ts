import { randomBytes, randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { getPost } from './db';
import { expect, randomAddress, test as base } from './fixtures';
import { senderContext, uniqueAddress } from './replay';
import { db, signInAs, type TestUser } from './users';

// Comment helpers for the e2e specs: extra visitors (each with their own address, so the
// per-address comment limit of one per 10 s never refuses a test's setup), comments
// written through POST /api/comments (the same checks as the form, and it invalidates the
// thread's cache), and the rows behind what the pages show.

/** A comment text no other test writes. */
export function uniqueText(label: string): string {
  return `${label} ${randomUUID().slice(0, 8)}`;
}

export async function postIdOf(slug: string): Promise<string> {
  return (await getPost(slug)).id;
}

type CommentFixtures = {
  /** Another visitor in the same test, from its own address, signed in as `user` when given; closed after the test. */
  visitor: (user?: TestUser) => Promise<Page>;
  /** Writes a comment (or a reply) as `user` through the JSON API, from a fresh address; expects 201. */
  apiComment: (user: TestUser, input: { postId: string; body: string; parentId?: string }) => Promise<{ id: string; held: boolean }>;
};

export const test = base.extend<CommentFixtures>({
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

export type CommentRow = { id: string; body: string; status: string; parentId: string | null; editedAt: Date | null; likeCount: number; authorId: string };

export async function getComment(id: string): Promise<CommentRow | undefined> {
  const { rows } = await db().query<{ id: string; body: string; status: string; parent_id: string | null; edited_at: Date | null; like_count: number; author_id: string }>(
    'SELECT id, body, status, parent_id, edited_at, like_count, author_id FROM comments WHERE id = $1',
    [id],
  );
  const r = rows[0];
  return r && { id: r.id, body: r.body, status: r.status, parentId: r.parent_id, editedAt: r.edited_at, likeCount: r.like_count, authorId: r.author_id };
}

/** The id of the comment with exactly this body, if one is stored. */
export async function commentIdByBody(body: string): Promise<string | undefined> {
  const { rows } = await db().query<{ id: string }>('SELECT id FROM comments WHERE body = $1 ORDER BY created_at DESC LIMIT 1', [body]);
  return rows[0]?.id;
}

/** How many comments a user has stored (any state). */
export async function countCommentsBy(authorId: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE author_id = $1', [authorId]);
  return rows[0]?.n ?? 0;
}

export async function countReports(commentId: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM comment_reports WHERE comment_id = $1', [commentId]);
  return rows[0]?.n ?? 0;
}

/** posts.comment_count: the visible comments the counters show. */
export async function storedCommentCount(slug: string): Promise<number> {
  const { rows } = await db().query<{ n: number }>('SELECT comment_count AS n FROM posts WHERE slug = $1', [slug]);
  const n = rows[0]?.n;
  if (n === undefined) throw new Error(`e2e: no post with slug ${slug}`);
  return n;
}

/** Moves a comment's creation time `minutes` back (relative: the column has no time zone). */
export async function backdateComment(id: string, minutes: number): Promise<void> {
  const { rowCount } = await db().query('UPDATE comments SET created_at = created_at - make_interval(mins => $2::int) WHERE id = $1', [id, minutes]);
  expect(rowCount).toBe(1);
}

/**
 * A held comment stored directly (no rate limit, no cache to invalidate: held comments
 * are only in their author's uncached view and the moderation queue).
 */
export async function insertHeldComment(postId: string, authorId: string, body: string): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const html = `<p>${body.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')}</p>`;
  await db().query(`INSERT INTO comments (id, post_id, author_id, body, body_html, status) VALUES ($1, $2, $3, $4, $5, 'HELD')`, [id, postId, authorId, body, html]);
  return id;
}

export async function postTitleOf(slug: string): Promise<string> {
  const { rows } = await db().query<{ title: string }>('SELECT title FROM posts WHERE slug = $1', [slug]);
  const title = rows[0]?.title;
  if (!title) throw new Error(`e2e: no post with slug ${slug}`);
  return title;
}

/** "1 comment", "3 comments": the counters' wording. */
export function commentsLabel(n: number): string {
  return `${n} ${n === 1 ? 'comment' : 'comments'}`;
}

export async function isBanned(userId: string): Promise<boolean> {
  const { rows } = await db().query<{ banned: boolean }>('SELECT banned_at IS NOT NULL AS banned FROM users WHERE id = $1', [userId]);
  return rows[0]?.banned ?? false;
}

/** One comment's entry in the moderation queue (/admin/comments). */
export function queueItem(page: Page, id: string): Locator {
  return page.getByTestId('moderation-queue').locator(`li[data-comment-id="${id}"]`);
}

// Set-up for the reply-email and accounts specs.

/** The id of the comment with exactly this body; fails when none is stored. */
export async function storedCommentId(body: string): Promise<string> {
  const id = await commentIdByBody(body);
  if (!id) throw new Error(`e2e: no comment with body ${JSON.stringify(body)}`);
  return id;
}

/** Whether the user still gets reply emails (users.notify_replies). */
export async function notifyReplies(userId: string): Promise<boolean> {
  const { rows } = await db().query<{ notify_replies: boolean }>('SELECT notify_replies FROM users WHERE id = $1', [userId]);
  if (!rows[0]) throw new Error(`e2e: no user ${userId}`);
  return rows[0].notify_replies;
}

/**
 * Forgets the one-comment-per-10-seconds burst limits of a user and an address, for a
 * test whose second comment is not about that limit (rate-limiter-flexible keys its
 * rows "<rule>:<key>").
 */
export async function forgetCommentBurst(userId: string, address: string): Promise<void> {
  await db().query('DELETE FROM rate_limits WHERE key = ANY($1)', [[`commentUserBurst:${userId}`, `commentIpBurst:${address}`]]);
}

/** A browser context signed in as `user`, from an address of its own (so per-address limits do not collide). */
export async function contextFor(browser: Browser, user: TestUser, baseURL: string): Promise<{ context: BrowserContext; address: string }> {
  const address = randomAddress();
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': address } });
  await signInAs(context, user, baseURL);
  return { context, address };
}

export type CommentStatus = 'VISIBLE' | 'HELD' | 'HIDDEN' | 'DELETED';

/** A fixture comment written directly (not rendered through the app; do not display it). */
export async function insertComment({
  postId,
  authorId,
  status = 'VISIBLE',
  body = `fixture ${randomBytes(4).toString('hex')}`,
  createdAt = new Date(),
  parentId,
}: {
  postId: string;
  authorId: string;
  status?: CommentStatus;
  body?: string;
  createdAt?: Date;
  /** A reply to this comment (one level below it, in its thread). */
  parentId?: string;
}): Promise<string> {
  // The shape of a cuid, which the actions' id schema (lib/validations/ids.mjs) accepts.
  const id = `c${randomBytes(16).toString('hex').slice(0, 24)}`;
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at, parent_id, root_id, depth)
       SELECT $1, $2, $3, $4, $5, $6, $7, parent.id, coalesce(parent.root_id, parent.id), coalesce(parent.depth + 1, 0)
         FROM (SELECT 1) one LEFT JOIN comments parent ON parent.id = $8::text`,
      [id, postId, authorId, body, `<p>${body}</p>`, status, createdAt, parentId ?? null],
    );
    // posts.comment_count counts visible comments; keep it exact as the app does.
    if (status === 'VISIBLE') await client.query('UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1', [postId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return id;
}

/** Posts a comment as `author` through POST /api/comments, from an address of its own; throws unless it is stored (201). */
export async function postComment(
  browser: Browser,
  baseURL: string,
  { author, postId, body, parentId }: { author: TestUser; postId: string; body: string; parentId?: string },
): Promise<{ id: string; held: boolean }> {
  const context = await senderContext(browser, baseURL, author);
  try {
    const res = await context.request.post('/api/comments', {
      data: { postId, body, ...(parentId ? { parentId } : {}) },
      headers: { origin: new URL(baseURL).origin, 'x-forwarded-for': uniqueAddress() },
      failOnStatusCode: false,
    });
    const text = await res.text();
    if (res.status() !== 201) throw new Error(`POST /api/comments as ${author.name}: ${res.status()} ${text}`);
    return JSON.parse(text) as { id: string; held: boolean };
  } finally {
    await context.close();
  }
}

/** Runs `fn` over `items` with at most `limit` running at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
