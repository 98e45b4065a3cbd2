import type { Browser, Page } from '@playwright/test';
import { submitComment, uniqueText, writeComment } from './comments';
import { expect, randomAddress } from './fixtures';
import type { TestPost } from './posts';
import { signInAs, type TestUser } from './users';

// Read-your-own-writes (issue 10): right after an author posts a comment, their very next
// page load has it, the first time, without a reload, with and without JavaScript, on the
// server that took the comment and on any other. Used by e2e/shared-cache.spec.ts.

export type OwnCommentTrial = {
  browser: Browser;
  author: TestUser;
  post: TestPost;
  /** Where the comment is written. */
  writeOn: string;
  /** Where the author's next page is loaded, per try. */
  readOn: (i: number) => string;
  tries: number;
  javaScriptEnabled: boolean;
};

/** The author's next page load on `origin`: it must have the comment the first time, no reload. */
async function nextPageHas(page: Page, origin: string, slug: string, text: string): Promise<boolean> {
  await page.goto(`${origin}/post/${slug}`);
  return (await page.content()).includes(text);
}

/** Writes `tries` comments as the author; returns the ones a next page missed (none, if all is well). */
export async function missedOwnComments({ browser, author, post, writeOn, readOn, tries, javaScriptEnabled }: OwnCommentTrial): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled, baseURL: writeOn, extraHTTPHeaders: { 'x-forwarded-for': randomAddress() } });
  await signInAs(context, author, writeOn);
  const page = await context.newPage();
  const missed: string[] = [];
  try {
    for (let i = 0; i < tries; i++) {
      const text = uniqueText(`${javaScriptEnabled ? 'With' : 'Without'} JS ${i}`);
      await page.goto(`${writeOn}/post/${post.slug}`);
      if (javaScriptEnabled) {
        await writeComment(page, text);
      } else {
        await submitComment(page, text);
        // The form post answers with a redirect: the page it lands on is the author's next page.
        await expect(page).toHaveURL(/#comment-[a-z0-9]+$/);
        if (!(await page.content()).includes(text)) missed.push(`${text} after the redirect`);
      }
      const origin = readOn(i);
      if (!(await nextPageHas(page, origin, post.slug, text))) missed.push(`${text} on ${origin}`);
    }
  } finally {
    await context.close();
  }
  return missed;
}
