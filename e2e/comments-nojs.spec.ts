import type { Browser, Page } from '@playwright/test';
import { expect, PASSWORD, randomAddress, test, uniqueEmail } from './helpers/fixtures';
import { createUser, db, signInAs, type TestUser } from './helpers/users';
import { insertComment as insertFixtureComment } from './helpers/comment-rows';
import { disclosure, openForm, postIdOf } from './helpers/comments';

// Everything a reader does with comments, with JavaScript off: plain form posts to the
// server actions, a redirect back to the comment, and, when something is refused, the
// message and what was typed back in the form (lib/form-flash.ts).

test.use({ javaScriptEnabled: false });

const SLUG = 'status-reports-people-read';
const POST = `/post/${SLUG}`;

function unique(text: string): string {
  return `${text} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

async function asReader(page: Page, baseURL: string | undefined, name?: string): Promise<TestUser> {
  const user = await createUser({ name });
  await signInAs(page.context(), user, baseURL ?? '');
  return user;
}

/** A second reader in their own browser context, from their own address (limits are per reader and per address). */
async function otherReader(browser: Browser, baseURL: string | undefined, name: string): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(context, await createUser({ name }), baseURL ?? '');
  return context.newPage();
}

/** A comment written straight to the database (for what is not under test); returns its id. */
/** A visible comment (or reply) on this spec's post, written directly. */
async function insertComment(authorId: string, body: string, parentId?: string): Promise<string> {
  return insertFixtureComment({ postId: await postIdOf(SLUG), authorId, body, parentId });
}

async function postComment(page: Page, text: string) {
  await page.goto(POST);
  const form = page.getByTestId('comment-form');
  await form.getByLabel('Write a comment').fill(text);
  await form.getByRole('button', { name: 'Publish' }).click();
}

/** The comment (its <article>: text and controls, not its replies) whose body has `text`. */
function commentByText(page: Page, text: string) {
  return page.locator('article').filter({ has: page.locator('.c-body', { hasText: text }) });
}

/** Moves a comment out of the 15-minute edit window. */
async function backdate(commentText: string) {
  await db().query("UPDATE comments SET created_at = now() - interval '16 minutes' WHERE body = $1", [commentText]);
}

test.describe('accounts without JavaScript', () => {
  test('a wrong password comes back with the message and the email kept', async ({ page }) => {
    const user = await createUser();
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(POST)}`);
    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not the right password 1');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('That email and password do not match an account.')).toBeVisible();
    await expect(page.getByLabel('Email')).toHaveValue(user.email);
    // Where the reader was going is kept too: the right password now takes them there.
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${POST}$`));
    // The message showed once: it is not there on the next visit of the sign-in page.
    await page.goto('/signin');
    await expect(page.getByText('That email and password do not match an account.')).toHaveCount(0);
  });

  test('a weak password at sign-up comes back with the reason, name and email kept', async ({ page }) => {
    const email = uniqueEmail('nojs');
    await page.goto('/signup');
    await page.getByLabel('Name').fill('Plain Form');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect(page.getByText('Choose a stronger password.')).toBeVisible();
    await expect(page.getByLabel('Name')).toHaveValue('Plain Form');
    await expect(page.getByLabel('Email')).toHaveValue(email);
    const { rows } = await db().query('SELECT 1 FROM users WHERE email = $1', [email]);
    expect(rows).toHaveLength(0);
  });

  test('the profile says "Saved." and refuses an empty name with a message', async ({ page, baseURL }) => {
    await asReader(page, baseURL, 'Before Rename');
    await page.goto('/profile');
    await page.getByLabel('Display name').fill('After Rename');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Saved.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'After Rename' })).toBeVisible();
    await page.getByLabel('Display name').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('Check your name.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'After Rename' })).toBeVisible();
  });
});

test.describe('comments without JavaScript', () => {
  test('write; another reader replies, edits the reply and likes the comment', async ({ page, browser, baseURL }) => {
    await asReader(page, baseURL, 'Plain Poster');
    const text = unique('A plain **form** comment');
    const shown = text.replace('**form**', 'form');
    await postComment(page, text);
    await expect(page).toHaveURL(/#comment-[a-z0-9]+$/);
    const comment = commentByText(page, shown);
    await expect(comment).toBeVisible();
    await expect(comment.locator('strong', { hasText: 'form' })).toBeVisible();

    const other = await otherReader(browser, baseURL, 'Plain Replier');
    await other.goto(POST);
    // Reply: a link that brings the page back with the reply form open, no script needed.
    await disclosure(commentByText(other, shown), 'Reply').click();
    const reply = unique('A plain reply');
    const replyForm = commentByText(other, shown).getByTestId('reply-form');
    await replyForm.getByLabel('Write a reply').fill(reply);
    await replyForm.getByRole('button', { name: 'Reply' }).click();
    await expect(other).toHaveURL(/#comment-[a-z0-9]+$/);
    const replyItem = commentByText(other, reply);
    await expect(replyItem).toBeVisible();
    await expect(other.locator('li[id^="comment-"]', { has: commentByText(other, shown) }).locator('.c-replies .c-body', { hasText: reply })).toBeVisible();

    // Edit the reply.
    await openForm(replyItem, 'Edit');
    const edited = `${reply} (edited text)`;
    await replyItem.getByRole('textbox', { name: 'Edit' }).fill(edited);
    await replyItem.getByRole('button', { name: 'Save' }).click();
    const editedItem = commentByText(other, edited);
    await expect(editedItem).toBeVisible();
    await expect(editedItem.locator('.c-meta')).toContainText('edited');

    // Like the first reader's comment, then take the like back.
    await commentByText(other, shown).getByRole('button', { name: /^♡ Like/ }).click();
    const liked = commentByText(other, shown).getByRole('button', { name: /Unlike/ });
    await expect(liked).toHaveAttribute('aria-pressed', 'true');
    await expect(liked.getByTestId('like-count')).toHaveText('1');
    await liked.click();
    await expect(commentByText(other, shown).getByRole('button', { name: /^♡ Like/ }).getByTestId('like-count')).toHaveText('0');
    await other.context().close();
  });

  test('deleting a comment with replies leaves a placeholder; without replies it is gone', async ({ page, baseURL }) => {
    const author = await asReader(page, baseURL, 'Plain Deleter');
    const parent = unique('A parent comment to delete');
    const parentId = await insertComment(author.id, parent);
    const replier = await createUser({ name: 'Plain Bystander' });
    await insertComment(replier.id, unique('a reply that stays'), parentId);
    // The form post refreshes the cached thread, so the rows above show too.
    const lone = unique('A lone comment to delete');
    await postComment(page, lone);
    await expect(commentByText(page, lone)).toBeVisible();
    await commentByText(page, lone).getByRole('button', { name: 'Delete' }).click();
    await expect(page).toHaveURL(/#comments$/);
    await expect(page.getByText(lone)).toHaveCount(0);

    await commentByText(page, parent).getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByText(parent)).toHaveCount(0);
    await expect(page.locator(`#comment-${parentId}`)).toContainText('This comment was deleted.');
    await expect(page.locator(`#comment-${parentId}`)).toContainText('a reply that stays');
  });

  test('a second comment within 10 seconds comes back with the limit message and the text kept', async ({ page, baseURL }) => {
    await asReader(page, baseURL);
    await postComment(page, unique('First of two'));
    await expect(page).toHaveURL(/#comment-[a-z0-9]+$/);
    const second = unique('Second, too soon');
    await postComment(page, second);
    await expect(page).toHaveURL(/#comment-body-new$/);
    const form = page.getByTestId('comment-form');
    await expect(form.getByText(/You are commenting too fast\. Try again in/)).toBeVisible();
    await expect(form.getByLabel('Write a comment')).toHaveValue(second);
    await expect(page.locator('.c-body', { hasText: second })).toHaveCount(0);
  });

  test('an edit after the 15-minute window is refused in the form, with the new text kept', async ({ page, baseURL }) => {
    await asReader(page, baseURL);
    const text = unique('Soon too old to edit');
    await postComment(page, text);
    const item = commentByText(page, text);
    await openForm(item, 'Edit');
    await backdate(text);
    const attempt = `${text} and changed late`;
    await item.getByRole('textbox', { name: 'Edit' }).fill(attempt);
    await item.getByRole('button', { name: 'Save' }).click();
    await expect(page).toHaveURL(/#edit-[a-z0-9]+$/);
    const again = commentByText(page, text);
    await expect(again.getByRole('textbox', { name: 'Edit' })).toHaveValue(attempt);
    await expect(again.getByRole('status').filter({ hasText: /./ })).toBeVisible();
    const { rows } = await db().query<{ body: string }>('SELECT body FROM comments WHERE body LIKE $1', [`${text}%`]);
    expect(rows.map((r) => r.body)).toEqual([text]);
  });

  test('a report goes through; a banned reader’s reply is refused and nothing is stored', async ({ page, baseURL }) => {
    const author = await createUser({ name: 'Reported Author' });
    const text = unique('Something to report');
    await insertComment(author.id, text);
    const reader = await asReader(page, baseURL, 'Plain Reporter');
    // The form post refreshes the cached thread, so the row above shows too.
    await postComment(page, unique('Invalidating the thread'));
    const item = commentByText(page, text);
    await disclosure(item, 'Report').click();
    await item.getByLabel('What is wrong with this comment? (optional)').fill('spam');
    await item.getByRole('button', { name: 'Send report' }).click();
    await expect(commentByText(page, text).getByText('Reported', { exact: true })).toBeVisible();

    // Banned while the page is open: the reply is refused and the page says why.
    await openForm(commentByText(page, text), 'Reply');
    await db().query('UPDATE users SET banned_at = now() WHERE id = $1', [reader.id]);
    const reply = unique('A reply after the ban');
    const form = commentByText(page, text).getByTestId('reply-form');
    await form.getByLabel('Write a reply').fill(reply);
    await form.getByRole('button', { name: 'Reply' }).click();
    await expect(page.getByText('Your account can no longer write comments.').first()).toBeVisible();
    await expect(page.getByTestId('comment-form')).toHaveCount(0);
    const { rows } = await db().query('SELECT 1 FROM comments WHERE body = $1', [reply]);
    expect(rows).toHaveLength(0);
  });

  test('the same form posted from another site is refused with 403 and stores nothing', async ({ page, baseURL }) => {
    await asReader(page, baseURL);
    await page.goto(POST);
    const text = unique('Posted from elsewhere');
    let status = 0;
    // What a hostile page's auto-submitting form would send: the reader's cookies, another Origin.
    await page.route(`**${POST}`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const response = await route.fetch({ headers: { ...route.request().headers(), origin: 'https://evil.example' } });
      status = response.status();
      return route.fulfill({ response });
    });
    const form = page.getByTestId('comment-form');
    await form.getByLabel('Write a comment').fill(text);
    await form.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => status).toBe(403);
    await expect(page.getByText('Cross-site form posts are refused.')).toBeVisible();
    const { rows } = await db().query('SELECT 1 FROM comments WHERE body = $1', [text]);
    expect(rows).toHaveLength(0);
  });
});
