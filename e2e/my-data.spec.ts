import { readFile } from 'node:fs/promises';
import { commentArticle, expect, postIdOf, test, uniqueText } from './helpers/comments';
import { PASSWORD } from './helpers/fixtures';
import { openForm, type PlainForm } from './helpers/plain-form';
import { createUser, db, sessionCookieHeader, signInAs, type TestUser } from './helpers/users';
import { ACCOUNT_COOKIE, SESSION_COOKIE } from '../lib/cookie-names.mjs';

// A reader's own data on /profile (issue 13, item 6): "Download my data" gives a JSON file
// of their account and comments and nobody else's; "Delete my account", after its confirm
// step (a plain form post here, without JavaScript), signs the account out on every device
// (the shell the production server serves signed-in post pages from falls back to the
// anonymous page) and its comments show as "Deleted account" with the replies around them.
// The site setting stays at its default (keep the comments): not a site-wide spec.

const SLUG = 'measuring-what-matters-on-a-blog';
const PATH = `/post/${SLUG}`;

test('download my data: an attachment of my account and comments, none of another reader’s; anonymous is refused', async ({ page, baseURL, apiComment, request }) => {
  const postId = await postIdOf(SLUG);
  const [ann, ben] = [await createUser({ name: uniqueText('Data Ann') }), await createUser({ name: uniqueText('Data Ben') })];
  const annSaid = uniqueText('Ann wrote this');
  const benSaid = uniqueText('Ben wrote this');
  await apiComment(ann, { postId, body: annSaid });
  await apiComment(ben, { postId, body: benSaid });

  await signInAs(page.context(), ann, baseURL ?? '');
  await page.goto('/profile');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my data' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^quire-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const text = await readFile((await download.path())!, 'utf8');
  const data = JSON.parse(text) as { account: { email: string; name: string }; comments: { body: string; post: { url: string } }[] };
  expect(data.account.email).toBe(ann.email);
  expect(data.comments.map((c) => c.body)).toEqual([annSaid]);
  expect(data.comments[0]?.post.url).toMatch(new RegExp(`${PATH}$`));
  expect(text).not.toContain(benSaid);
  expect(text).not.toContain('$argon2');

  // The route reads the session itself: a parameter naming someone else changes nothing.
  const asBen = await request.get(`/profile/data?userId=${ann.id}`, { headers: { cookie: await sessionCookieHeader(ben) } });
  expect(asBen.status()).toBe(200);
  expect(asBen.headers()['cache-control']).toContain('no-store');
  expect(asBen.headers()['content-disposition']).toMatch(/^attachment; filename="quire-my-data-/);
  const benText = await asBen.text();
  expect(benText).toContain(benSaid);
  expect(benText).not.toContain(annSaid);

  const anonymous = await request.get('/profile/data', { headers: { cookie: '' } });
  expect(anonymous.status()).toBe(401);
  expect(((await anonymous.json()) as { error: string }).error).toContain('Sign in');
  expect((await request.post('/profile/data', { headers: { cookie: await sessionCookieHeader(ben) } })).status()).toBe(405);

  // A banned reader may still take their data.
  const banned = await createUser({ banned: true });
  expect((await request.get('/profile/data', { headers: { cookie: await sessionCookieHeader(banned) } })).status()).toBe(200);
});

/** Posts the delete form as a browser without JavaScript would, with the box ticked and `extra` fields added. */
async function postDelete(form: PlainForm, cookie: string, extra: Record<string, string>): Promise<Response> {
  const body = new FormData();
  for (const [name, value] of form.fields) if (!(name in extra)) body.append(name, value);
  for (const [name, value] of Object.entries({ confirm: 'on', ...extra })) body.append(name, value);
  return fetch(form.url, { method: 'POST', body, redirect: 'manual', headers: { origin: new URL(form.url).origin, cookie } });
}

const exists = async (user: TestUser) => (await db().query('SELECT 1 FROM users WHERE id = $1', [user.id])).rowCount === 1;

test('delete: only the session’s own account, whatever the form says; anonymous refused; a banned reader may', async ({ baseURL }) => {
  const [ann, ben, cara] = [await createUser(), await createUser(), await createUser({ banned: true })];
  const benCookie = await sessionCookieHeader(ben);
  const form = await openForm(`${baseURL}/profile`, (f) => f.fields.some(([name]) => name === 'password'), { cookie: benCookie });

  // Without a session the proxy sends the post to sign-in before the action runs (which checks again).
  const anonymous = await postDelete(form, '', { password: PASSWORD });
  expect(anonymous.status).toBe(307);
  expect(anonymous.headers.get('location')).toContain('/signin?callbackUrl=%2Fprofile');
  expect([await exists(ann), await exists(ben)]).toEqual([true, true]);

  const asBen = await postDelete(form, benCookie, { password: PASSWORD, userId: ann.id, id: ann.id });
  expect(asBen.status).toBe(303);
  expect(asBen.headers.get('location')).toContain('/profile/deleted');
  expect([await exists(ann), await exists(ben)]).toEqual([true, false]);

  const caraCookie = await sessionCookieHeader(cara);
  const caraForm = await openForm(`${baseURL}/profile`, (f) => f.fields.some(([name]) => name === 'password'), { cookie: caraCookie });
  expect((await postDelete(caraForm, caraCookie, { password: PASSWORD })).headers.get('location')).toContain('/profile/deleted');
  expect(await exists(cara)).toBe(false);
});

test('delete my account with JavaScript: a refusal answers in place and keeps the box ticked, then the account goes', async ({ page, baseURL }) => {
  const ann = await createUser();
  await signInAs(page.context(), ann, baseURL ?? '');
  await page.goto('/profile');
  const section = page.locator('#delete-account');
  await section.getByLabel('I understand that this cannot be undone.').check();
  await section.getByLabel('Your password').fill('not the password at all');
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await expect(section.getByText('That password is not right.')).toBeVisible();
  await expect(section.getByLabel('I understand that this cannot be undone.')).toBeChecked();
  expect(await exists(ann)).toBe(true);
  await section.getByLabel('Your password').fill(PASSWORD);
  await section.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account was deleted' })).toBeVisible();
  expect(await exists(ann)).toBe(false);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('delete my account: refused until confirmed, then signed out everywhere and shown as "Deleted account"', async ({ page, baseURL, apiComment, visitor }) => {
    const postId = await postIdOf(SLUG);
    const [ann, ben] = [await createUser({ name: uniqueText('Leaving Ann') }), await createUser({ name: uniqueText('Staying Ben') })];
    const annSaid = uniqueText('Ann started this');
    const benSaid = uniqueText('Ben answered');
    const top = await apiComment(ann, { postId, body: annSaid });
    const reply = await apiComment(ben, { postId, body: benSaid, parentId: top.id });

    // Ann's other device: signed in, served the signed-in shell, before the deletion.
    const otherDevice = await visitor(ann);
    const before = await otherDevice.request.get(PATH);
    expect(before.headers()['x-quire-cache']).toBe('READER');

    await signInAs(page.context(), ann, baseURL ?? '');
    await page.goto('/profile');
    const section = page.locator('#delete-account');
    await expect(section).toContainText('shown as written by “Deleted account”');

    // Not confirmed: refused, nothing deleted.
    await section.getByLabel('Your password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await expect(section.getByText('Tick the box to confirm.')).toBeVisible();
    // A wrong password: refused, and the ticked box stays ticked.
    await section.getByLabel('I understand that this cannot be undone.').check();
    await section.getByLabel('Your password').fill('not the password at all');
    await section.getByRole('button', { name: 'Delete my account' }).click();
    await expect(section.getByText('That password is not right.')).toBeVisible();
    await expect(section.getByLabel('I understand that this cannot be undone.')).toBeChecked();
    expect((await db().query('SELECT 1 FROM users WHERE id = $1', [ann.id])).rowCount).toBe(1);

    await section.getByLabel('Your password').fill(PASSWORD);
    await section.getByRole('button', { name: 'Delete my account' }).click();
    // A redirect keeps the fragment the form was posted from (#delete-account).
    await expect(page).toHaveURL(/\/profile\/deleted(#.*)?$/);
    await expect(page.getByRole('heading', { name: 'Your account was deleted' })).toBeVisible();
    expect((await db().query('SELECT 1 FROM users WHERE id = $1 OR email = $2', [ann.id, ann.email])).rowCount).toBe(0);

    // This browser is signed out: /profile asks to sign in.
    await page.goto('/profile');
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprofile/);

    // The other device's old cookie: the shell falls back to the page Next renders, anonymous.
    const after = await otherDevice.request.get(PATH);
    expect(after.status()).toBe(200);
    expect(after.headers()['x-quire-cache']).not.toBe('READER');
    await otherDevice.goto(PATH);
    await expect(otherDevice.getByRole('link', { name: 'Log in to comment' })).toBeVisible();
    await expect(commentArticle(otherDevice, top.id)).toContainText('Deleted account');
    await expect(commentArticle(otherDevice, top.id)).toContainText(annSaid);
    await expect(commentArticle(otherDevice, reply.id)).toContainText(benSaid);
    await expect(otherDevice.locator(`#comment-${top.id}`)).not.toContainText(ann.name);
    // Its /profile leads to sign-in and drops the stale cookies: the header stops showing the name.
    await otherDevice.goto('/profile');
    await expect(otherDevice).toHaveURL(/\/signin\?callbackUrl=%2Fprofile/);
    const names = (await otherDevice.context().cookies()).map((c) => c.name);
    expect(names).not.toContain(SESSION_COOKIE);
    expect(names).not.toContain(ACCOUNT_COOKIE);
  });
});
