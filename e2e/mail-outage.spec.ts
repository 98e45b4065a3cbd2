import { postComment } from './helpers/comment-api';
import { insertComment } from './helpers/comment-rows';
import { getPost } from './helpers/db';
import { expect, PASSWORD, test, uniqueEmail } from './helpers/fixtures';
import { mailTo, waitForMail } from './helpers/mail';
import { createUser } from './helpers/users';

// Emails are jobs (lib/jobs): the mail server refusing them for 25 s (the sink answers 421
// for this test's addresses only, as other specs share it) loses nothing. A reply and a
// sign-up made during the outage each get their email once it is back, exactly once.

const OUTAGE_S = 25;

function sinkUrl(): string {
  const url = process.env.MAIL_SINK_URL;
  if (!url) throw new Error('e2e: MAIL_SINK_URL is not set; run the e2e tests through `npm run test:e2e`');
  return url;
}

async function refusedSoFar(): Promise<number> {
  return ((await (await fetch(`${sinkUrl()}/outage`)).json()) as { refused: number }).refused;
}

test('mail server down while a reply and a sign-up happen: each email arrives once it is back, once', async ({ page, browser, baseURL }) => {
  // The retries back off (about 3, 7 and 20 s apart): the emails arrive about 30 s after the outage began.
  test.setTimeout(100_000);
  const postId = (await getPost('portfolio-reviews-without-pain')).id;
  const author = await createUser({ name: 'Outage Author' });
  const replier = await createUser({ name: 'Outage Replier' });
  const newcomer = uniqueEmail('outage');
  const refusedBefore = await refusedSoFar();
  const res = await fetch(`${sinkUrl()}/outage`, { method: 'POST', body: JSON.stringify({ addresses: [author.email, newcomer], seconds: OUTAGE_S }) });
  expect(res.status).toBe(204);

  const parentId = await insertComment({ postId, authorId: author.id, body: 'Waiting for an answer' });
  await postComment(browser, baseURL ?? '', { author: replier, postId, parentId, body: 'An answer during the outage' });
  await page.goto('/signup');
  await page.getByLabel('Name').fill('Outage Newcomer');
  await page.getByLabel('Email').fill(newcomer);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/signup\/check-email$/);

  // Both were tried and refused, and nothing arrived while the server was down.
  await expect.poll(async () => (await refusedSoFar()) - refusedBefore, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  expect(await mailTo(author.email)).toHaveLength(0);
  expect(await mailTo(newcomer)).toHaveLength(0);

  const [reply] = await waitForMail(author.email, 1, 70_000);
  const [confirmation] = await waitForMail(newcomer, 1, 70_000);
  expect(reply?.text).toContain('An answer during the outage');
  expect(confirmation?.text).toContain('/signup/confirm?token=');
  // Exactly once: a later retry would have come within the last backoff step.
  await page.waitForTimeout(3000);
  expect(await mailTo(author.email)).toHaveLength(1);
  expect(await mailTo(newcomer)).toHaveLength(1);
});
