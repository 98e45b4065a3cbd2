import type { Browser, Page } from '@playwright/test';
import { postComment } from './helpers/comment-api';
import { storedCommentId, forgetCommentBurst, insertComment, notifyReplies } from './helpers/comment-rows';
import { disclosure, contextFor } from './helpers/comments';
import { getPost } from './helpers/db';
import { expect, test } from './helpers/fixtures';
import { linkIn, mailTo, waitForMail, type SinkMessage } from './helpers/mail';
import { createUser, db, signInAs, type TestUser } from './helpers/users';

// Reply emails (lib/dal/notifications.ts) through the real SMTP mail sink the harness
// starts: who gets one, what it links to, the one-click and the page unsubscribe, and
// the one-email-per-thread-per-hour throttle. Readers post from contexts with addresses
// of their own, so the per-address comment limits never meet.

// Not the authorization matrix's post: its ~300 fixture comments make every signed-in render of it slow.
const SLUG = 'measuring-what-matters-on-a-blog';
const TITLE = 'Measuring What Matters on a Blog';
const ONE_CLICK_BODY = 'List-Unsubscribe=One-Click';

let postId = '';
test.beforeAll(async () => {
  if (!process.env.MAIL_SINK_URL) throw new Error('e2e: MAIL_SINK_URL is not set; the harness must start e2e/helpers/mail-sink.mjs');
  postId = (await getPost(SLUG)).id;
});

const tag = () => Math.random().toString(36).slice(2, 10);

async function writeComment(page: Page, body: string): Promise<string> {
  await page.getByLabel('Write a comment').fill(body);
  await page.getByTestId('comment-form').getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByTestId('comment-list').locator('.c-body').getByText(body)).toBeVisible();
  return storedCommentId(body);
}

async function replyTo(page: Page, commentId: string, body: string): Promise<string> {
  const article = page.locator(`[id="comment-${commentId}"] > article`);
  await disclosure(article, 'Reply').click();
  const form = article.getByTestId('reply-form');
  await form.getByLabel('Write a reply').fill(body);
  await form.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(page.locator(`[id="comment-${commentId}"] .c-replies .c-body`).getByText(body)).toBeVisible();
  return storedCommentId(body);
}

/** The one reply email expected for `to`, once it has arrived. */
async function theReplyEmail(to: TestUser): Promise<SinkMessage> {
  const [message, ...more] = await waitForMail(to.email, 1);
  expect(more, 'exactly one email').toHaveLength(0);
  return message!;
}

/** A comment by `author` with one reply by someone else (through the API), and the email it sends. */
async function repliedComment(browser: Browser, baseURL: string, author: TestUser): Promise<{ commentId: string; email: SinkMessage }> {
  const replier = await createUser({ name: `Replier ${tag()}` });
  const commentId = await insertComment({ postId, authorId: author.id, body: `Comment by ${author.name} ${tag()}` });
  await postComment(browser, baseURL, { author: replier, postId, parentId: commentId, body: `A reply ${tag()}` });
  return { commentId, email: await theReplyEmail(author) };
}

/**
 * Waits until an email caused after everything the test has done so far has arrived
 * (a reply to a fresh reader's fresh thread). Emails go out after the response, so "no
 * email" can only be said once a later one has been delivered.
 */
async function settleMail(browser: Browser, baseURL: string): Promise<void> {
  await repliedComment(browser, baseURL, await createUser({ name: `Sentinel ${tag()}` }));
}

function oneClickUrl(email: SinkMessage): string {
  const header = email.headers['list-unsubscribe'] ?? '';
  const match = /^<([^>]+)>$/.exec(header);
  if (!match) throw new Error(`e2e: List-Unsubscribe is not one <URL>: ${JSON.stringify(header)}`);
  return match[1]!;
}

test('a reply through the page emails the comment author a link to it, with one-click unsubscribe headers', async ({ page, context, browser, baseURL: maybeBaseURL }) => {
  const baseURL = maybeBaseURL ?? '';
  const alice = await createUser({ name: `Alice ${tag()}` });
  const bob = await createUser({ name: `Bob ${tag()}` });

  await signInAs(context, alice, baseURL);
  await page.goto(`/post/${SLUG}`);
  const commentId = await writeComment(page, `What do you bring to a portfolio review? ${tag()}`);

  const bobSide = await contextFor(browser, bob, baseURL);
  const bobPage = await bobSide.context.newPage();
  await bobPage.goto(`/post/${SLUG}`);
  const replyBody = `A one-page summary per project, ${tag()}.`;
  const replyId = await replyTo(bobPage, commentId, replyBody);
  await bobSide.context.close();

  const email = await theReplyEmail(alice);
  expect(email.subject).toBe(`New reply to your comment on "${TITLE}"`);
  expect(email.text).toContain(`${bob.name} replied to your comment on "${TITLE}":`);
  expect(email.text).toContain(`> ${replyBody}`);
  const replyUrl = `${baseURL}/post/${SLUG}#comment-${replyId}`;
  expect(email.text).toContain(`Read the reply: ${replyUrl}`);
  expect(email.html).toContain(`href="${replyUrl}"`);

  // RFC 8058: an https-or-http URL in angle brackets, and the exact one-click marker.
  expect(oneClickUrl(email)).toMatch(new RegExp(`^${baseURL.replace(/[.]/g, '\\.')}/api/unsubscribe\\?token=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$`));
  expect(email.headers['list-unsubscribe-post']).toBe(ONE_CLICK_BODY);
  expect(linkIn(email.text, `${baseURL}/unsubscribe?token=`)).toMatch(/token=[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

  // The link, opened as from a mail client (a new tab), lands on the post with the reply.
  const fromEmail = await context.newPage();
  await fromEmail.goto(replyUrl);
  await expect(fromEmail).toHaveURL(replyUrl);
  await expect(fromEmail.getByRole('heading', { level: 1 })).toHaveText(TITLE);
  const reply = fromEmail.locator(`[id="comment-${replyId}"]`);
  await expect(reply).toBeVisible();
  await expect(reply).toContainText(replyBody);
  await expect(reply).toContainText(bob.name);

  // The replier hears nothing about their own reply.
  expect(await mailTo(bob.email)).toHaveLength(0);
});

test('one-click unsubscribe: a GET only leads to the page, a bad token is refused, the POST turns reply emails off', async ({ browser, request, baseURL: maybeBaseURL }) => {
  const baseURL = maybeBaseURL ?? '';
  const alice = await createUser({ name: `Alice ${tag()}` });
  const { email } = await repliedComment(browser, baseURL, alice);
  const url = oneClickUrl(email);

  // Link scanners fetch every URL: a GET must not unsubscribe.
  const get = await request.get(url, { maxRedirects: 0 });
  expect(get.status()).toBe(303);
  expect(new URL(get.headers()['location'] ?? '', baseURL).pathname).toBe('/unsubscribe');
  expect(await notifyReplies(alice.id)).toBe(true);

  // A token with a changed signature changes nothing.
  const forged = `${url.slice(0, -2)}${url.endsWith('AA') ? 'BB' : 'AA'}`;
  const refused = await request.post(forged, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: ONE_CLICK_BODY });
  expect(refused.status()).toBe(400);
  expect(await notifyReplies(alice.id)).toBe(true);

  // What a mail client sends: no cookies, the token in the URL, the RFC 8058 body.
  const res = await request.post(url, { headers: { 'content-type': 'application/x-www-form-urlencoded' }, data: ONE_CLICK_BODY });
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  expect(await notifyReplies(alice.id)).toBe(false);

  // A reply in a new thread of hers (so the hourly throttle is not what stops it) sends nothing.
  const carol = await createUser({ name: `Carol ${tag()}` });
  const second = await insertComment({ postId, authorId: alice.id, body: `Another thought ${tag()}` });
  await postComment(browser, baseURL, { author: carol, postId, parentId: second, body: `Carol answers ${tag()}` });
  await settleMail(browser, baseURL);
  expect(await mailTo(alice.email)).toHaveLength(1);
});

test('the "Stop reply emails" link in the email asks first, then confirms', async ({ page, browser, baseURL: maybeBaseURL }) => {
  const baseURL = maybeBaseURL ?? '';
  const alice = await createUser({ name: `Alice ${tag()}` });
  const { email } = await repliedComment(browser, baseURL, alice);
  const pageUrl = linkIn(email.text, `${baseURL}/unsubscribe?token=`);
  expect(email.html).toContain(`href="${pageUrl}"`);
  expect(email.text).toContain(`Stop reply emails: ${pageUrl}`);

  // Opened without a session, as from any mail client: it only asks.
  await page.goto(pageUrl);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop reply emails?');
  await expect(page.getByText('You will no longer get an email when someone replies to one of your comments.')).toBeVisible();
  expect(await notifyReplies(alice.id)).toBe(true);

  await page.getByRole('button', { name: 'Stop reply emails' }).click();
  await expect(page).toHaveURL(/\/unsubscribe\?done=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Unsubscribed');
  await expect(page.getByRole('status')).toHaveText('You will no longer get reply emails.');
  expect(await notifyReplies(alice.id)).toBe(false);
});

test('replying to your own comment sends you no email', async ({ page, context, browser, baseURL: maybeBaseURL, extraHTTPHeaders }) => {
  const baseURL = maybeBaseURL ?? '';
  const alice = await createUser({ name: `Alice ${tag()}` });
  await signInAs(context, alice, baseURL);
  await page.goto(`/post/${SLUG}`);
  const commentId = await writeComment(page, `Start with the decisions you need ${tag()}`);
  // Her second comment within 10 seconds would be refused; that limit is not what this test is about.
  await forgetCommentBurst(alice.id, extraHTTPHeaders?.['x-forwarded-for'] ?? '');
  const replyBody = `And then the data behind them ${tag()}`;
  const replyId = await replyTo(page, commentId, replyBody);
  await expect(page.locator(`[id="comment-${replyId}"]`)).toContainText(alice.name);

  await settleMail(browser, baseURL);
  expect(await mailTo(alice.email)).toHaveLength(0);
});

test('a second reply in the same thread within the hour sends no second email', async ({ browser, baseURL: maybeBaseURL }) => {
  const baseURL = maybeBaseURL ?? '';
  const alice = await createUser({ name: `Alice ${tag()}` });
  const { commentId } = await repliedComment(browser, baseURL, alice);

  // Another reader answers the same comment: same thread, so no second email.
  const dave = await createUser({ name: `Dave ${tag()}` });
  await postComment(browser, baseURL, { author: dave, postId, parentId: commentId, body: `Dave agrees ${tag()}` });
  await settleMail(browser, baseURL);
  expect(await mailTo(alice.email)).toHaveLength(1);
  const { rows } = await db().query<{ n: number }>('SELECT count(*)::int AS n FROM reply_notifications WHERE user_id = $1 AND thread_id = $2', [alice.id, commentId]);
  expect(rows[0]?.n).toBe(1);

  // A reply in another of her threads is still emailed: the throttle is per thread.
  const erin = await createUser({ name: `Erin ${tag()}` });
  const other = await insertComment({ postId, authorId: alice.id, body: `A different point ${tag()}` });
  await postComment(browser, baseURL, { author: erin, postId, parentId: other, body: `Erin replies ${tag()}` });
  await waitForMail(alice.email, 2);
  expect(await mailTo(alice.email)).toHaveLength(2);
});
