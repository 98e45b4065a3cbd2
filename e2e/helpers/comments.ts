import { randomUUID } from 'node:crypto';
import { expect, type Browser, type BrowserContext } from '@playwright/test';
import { randomAddress } from './fixtures';
import { db, signInAs, type TestUser } from './users';

// Comments for e2e tests where posting one is set-up rather than what is under test:
// written straight into the database, or posted through POST /api/comments (the same
// checks and the same reply email as the form) from a context of their own.

/** A visible top-level comment by `authorId`, written straight into the database. */
export async function insertComment({ postId, authorId, body }: { postId: string; authorId: string; body: string }): Promise<string> {
  const id = `c${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const html = `<p>${body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
  await db().query(
    `INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status)
     VALUES ($1, $2, $3, NULL, NULL, 0, $4, $5, 'VISIBLE')`,
    [id, postId, authorId, body, html],
  );
  await db().query('UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1', [postId]);
  return id;
}

/** The id of the (only) comment with this exact body. */
export async function commentIdByBody(body: string): Promise<string> {
  const { rows } = await db().query<{ id: string }>('SELECT id FROM comments WHERE body = $1', [body]);
  if (rows.length !== 1) throw new Error(`e2e: expected one comment with body ${JSON.stringify(body)}, found ${rows.length}`);
  return rows[0]!.id;
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

/** Posts a comment (a reply with `parentId`) as `user` through POST /api/comments; returns its id. */
export async function postCommentViaApi(
  browser: Browser,
  baseURL: string,
  user: TestUser,
  input: { postId: string; body: string; parentId?: string },
): Promise<string> {
  const { context, address } = await contextFor(browser, user, baseURL);
  try {
    const res = await context.request.post('/api/comments', { data: input, headers: { 'x-forwarded-for': address } });
    expect(res.status(), await res.text()).toBe(201);
    const { id, held } = (await res.json()) as { id: string; held: boolean };
    expect(held).toBe(false);
    return id;
  } finally {
    await context.close();
  }
}
