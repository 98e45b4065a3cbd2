import { randomBytes } from 'node:crypto';
import { expect, type Browser, type Page } from '@playwright/test';
import { postComment } from './comment-api';
import { insertComment } from './comment-rows';
import { disclosure, openForm } from './comments';
import { getPost } from './db';
import { captureFormPost, multipartFieldNames, type CapturedPost } from './replay';
import { createUser, signInAs } from './users';

// Every comment and moderation form, as its page posts it without JavaScript: captured
// once on a post and on the moderation queue, with the ids and texts they carry, so a
// test can replay them (helpers/replay.ts) on other comments and as other users.

export const marker = (what: string) => `authz ${what} ${randomBytes(6).toString('hex')}`;

export type Templates = {
  postId: string;
  create: CapturedPost;
  createBody: string;
  reply: CapturedPost;
  replyBody: string;
  /** The visible comment the reply, like and report forms were captured on. */
  other: string;
  like: CapturedPost;
  /** The post's like form (the heart), asking for a like of the post. */
  postLike: CapturedPost;
  report: CapturedPost;
  edit: CapturedPost;
  editBody: string;
  /** The member's own comment the edit and delete forms were captured on. */
  own: string;
  delete: CapturedPost;
  approve: CapturedPost;
  hide: CapturedPost;
  moderateDelete: CapturedPost;
  /** The held comment the approve, hide and delete buttons were captured on, and its author. */
  held: string;
  heldAuthor: string;
  unhide: CapturedPost;
  /** The hidden comment the unhide button was captured on. */
  hidden: string;
  ban: CapturedPost;
  unban: CapturedPost;
  /** The banned author the unban button was captured for. */
  bannedAuthor: string;
};

/** Captures `submit`'s post on a freshly loaded `path`, and checks it is a server action post. */
async function capture(page: Page, path: string, submit: () => Promise<void>): Promise<CapturedPost> {
  await page.goto(path);
  const post = await captureFormPost(page, submit);
  expect(post.headers['content-type'], `the form on ${path} posts multipart`).toMatch(/^multipart\/form-data; boundary=/);
  expect(multipartFieldNames(post).some((name) => name.startsWith('$ACTION_')), `the form on ${path} posts to a server action`).toBe(true);
  return post;
}

/** Captures every form on `slug` (as a member) and on the queue (as an editor). */
export async function captureCommentForms(browser: Browser, baseURL: string, slug: string): Promise<Templates> {
  const { id: postId } = await getPost(slug);
  const [member, bystander, editor, heldAuthor, bannedAuthor] = await Promise.all([
    createUser({ name: 'Template Member' }),
    createUser({ name: 'Template Bystander' }),
    createUser({ role: 'EDITOR', name: 'Template Editor' }),
    createUser({ name: 'Template Held' }),
    createUser({ name: 'Template Banned', banned: true }),
  ]);
  // Through the app, so the cached thread shows them; each from its own address.
  const own = (await postComment(browser, baseURL, { author: member, postId, body: 'The member’s own comment.' })).id;
  const other = (await postComment(browser, baseURL, { author: bystander, postId, body: 'Someone else’s comment.' })).id;
  // The queue shows newest first: dated ahead so that they are on its first page.
  const soon = new Date(Date.now() + 60 * 60 * 1000);
  const held = await insertComment({ postId, authorId: heldAuthor.id, status: 'HELD', createdAt: soon });
  const hidden = await insertComment({ postId, authorId: bannedAuthor.id, status: 'HIDDEN', createdAt: soon });

  const [createBody, replyBody, editBody] = [marker('template create'), marker('template reply'), marker('template edit')];
  const path = `/post/${slug}`;
  const memberContext = await browser.newContext({ baseURL, javaScriptEnabled: false });
  const editorContext = await browser.newContext({ baseURL, javaScriptEnabled: false });
  try {
    await signInAs(memberContext, member, baseURL);
    await signInAs(editorContext, editor, baseURL);
    const page = await memberContext.newPage();
    const ownItem = page.locator(`#comment-${own} > article`);
    const otherItem = page.locator(`#comment-${other} > article`);

    const create = await capture(page, path, async () => {
      await page.getByTestId('comment-form').getByLabel('Write a comment').fill(createBody);
      await page.getByTestId('comment-form').getByRole('button', { name: 'Publish' }).click();
    });
    const reply = await capture(page, path, async () => {
      await disclosure(otherItem, 'Reply').click();
      await otherItem.getByLabel('Write a reply').fill(replyBody);
      await otherItem.getByRole('button', { name: 'Reply', exact: true }).click();
    });
    const like = await capture(page, path, () => otherItem.getByRole('button', { name: /Like/ }).click());
    const postLike = await capture(page, path, () => page.getByTestId('post-like').click());
    const report = await capture(page, path, async () => {
      await disclosure(otherItem, 'Report').click();
      await otherItem.getByLabel('What is wrong with this comment?').fill('template report');
      await otherItem.getByRole('button', { name: 'Send report' }).click();
    });
    const edit = await capture(page, path, async () => {
      await openForm(ownItem, 'Edit');
      await ownItem.locator(`#edit-${own}`).fill(editBody);
      await ownItem.getByRole('button', { name: 'Save' }).click();
    });
    const del = await capture(page, path, () => ownItem.getByRole('button', { name: 'Delete' }).click());

    const queue = '/admin/comments?filter=all';
    const editorPage = await editorContext.newPage();
    const heldItem = editorPage.locator(`li[data-comment-id="${held}"]`);
    const hiddenItem = editorPage.locator(`li[data-comment-id="${hidden}"]`);
    const button = (item: typeof heldItem, name: string) => () => item.getByRole('button', { name, exact: true }).click();
    return {
      postId,
      create,
      createBody,
      reply,
      replyBody,
      other,
      like,
      postLike,
      report,
      edit,
      editBody,
      own,
      delete: del,
      approve: await capture(editorPage, queue, button(heldItem, 'Approve')),
      hide: await capture(editorPage, queue, button(heldItem, 'Hide')),
      moderateDelete: await capture(editorPage, queue, button(heldItem, 'Delete')),
      held,
      heldAuthor: heldAuthor.id,
      unhide: await capture(editorPage, queue, button(hiddenItem, 'Unhide')),
      hidden,
      ban: await capture(editorPage, queue, button(heldItem, `Ban ${heldAuthor.name}`)),
      unban: await capture(editorPage, queue, button(hiddenItem, `Unban ${bannedAuthor.name}`)),
      bannedAuthor: bannedAuthor.id,
    };
  } finally {
    await memberContext.close();
    await editorContext.close();
  }
}
