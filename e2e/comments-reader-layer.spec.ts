import type { Page } from '@playwright/test';
import { commentArticle, disclosure, expect, postIdOf, test, uniqueText } from './helpers/comments';
import { createUser } from './helpers/users';

// A signed-in page is the cached thread HTML every reader shares with one reader's layer
// filled in (server/reader-pages.mjs, components/comments/comment-section.tsx): their own
// comments' Edit links and Delete buttons, their likes, their reports. Two readers load the same page in turn, and neither
// may see the other's layer: the cached part must never carry one reader's data to another.
// Without JavaScript, so that what is checked is the HTML the server sent.

test.use({ javaScriptEnabled: false });

const SLUG = 'keyword-research-for-project-blogs';
const PATH = `/post/${SLUG}`;

/** The like button of a comment (a button of the section's one like form). */
const likeButton = (page: Page, id: string) => commentArticle(page, id).getByRole('button', { name: /Like|Unlike/ });

async function expectOwnControls(page: Page, id: string, own: boolean) {
  const article = commentArticle(page, id);
  await expect(article.getByRole('button', { name: 'Delete' })).toHaveCount(own ? 1 : 0);
  await expect(disclosure(article, 'Edit')).toHaveCount(own ? 1 : 0);
  if (own) await expect(disclosure(article, 'Edit')).toHaveAttribute('href', `?edit=${id}#edit-${id}`);
  // Nobody reports their own comment.
  await expect(disclosure(article, 'Report')).toHaveCount(own ? 0 : 1);
}

test('each reader sees their own edit and delete forms and their own likes, never another reader’s', async ({ visitor, apiComment }) => {
  const postId = await postIdOf(SLUG);
  const [ann, ben, cat] = await Promise.all([createUser({ name: 'Layer Ann' }), createUser({ name: 'Layer Ben' }), createUser({ name: 'Layer Cat' })]);
  const byAnn = await apiComment(ann, { postId, body: uniqueText('Ann on keyword research') });
  const byBen = await apiComment(ben, { postId, body: uniqueText('Ben on keyword research') });
  // Cat's thread is one neither Ann nor Ben wrote in: it is served as the shared HTML to both.
  const byCat = await apiComment(cat, { postId, body: uniqueText('Cat on keyword research') });
  const [annPage, benPage] = [await visitor(ann), await visitor(ben)];

  await annPage.goto(PATH);
  await expectOwnControls(annPage, byAnn.id, true);
  await expectOwnControls(annPage, byBen.id, false);
  await expectOwnControls(annPage, byCat.id, false);

  // Ann likes Ben's comment and Cat's (form posts, each back to the page).
  for (const id of [byBen.id, byCat.id]) {
    await likeButton(annPage, id).click();
    await expect(likeButton(annPage, id)).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(likeButton(annPage, byAnn.id)).toHaveAttribute('aria-pressed', 'false');

  // Ben, right after: his own controls only, none of Ann's likes, but the counts everyone sees.
  await benPage.goto(PATH);
  await expectOwnControls(benPage, byAnn.id, false);
  await expectOwnControls(benPage, byBen.id, true);
  await expectOwnControls(benPage, byCat.id, false);
  for (const id of [byAnn.id, byBen.id, byCat.id]) await expect(likeButton(benPage, id)).toHaveAttribute('aria-pressed', 'false');
  await expect(likeButton(benPage, byCat.id).getByTestId('like-count')).toHaveText('1');
  await expect(likeButton(benPage, byBen.id).getByTestId('like-count')).toHaveText('1');
  const benHtml = await benPage.content();
  expect(benHtml).not.toContain(`id="edit-${byAnn.id}"`);
  expect(benHtml).not.toContain(`value="${byAnn.id}">Delete`);

  // Ben reports Cat's comment: "Reported" for him, still a Report link for Ann.
  await disclosure(commentArticle(benPage, byCat.id), 'Report').click();
  await commentArticle(benPage, byCat.id).getByRole('button', { name: 'Send report' }).click();
  await expect(commentArticle(benPage, byCat.id).getByText('Reported', { exact: true })).toBeVisible();

  // Ann again, after Ben: her layer, not his.
  await annPage.goto(PATH);
  await expectOwnControls(annPage, byAnn.id, true);
  await expectOwnControls(annPage, byBen.id, false);
  await expect(likeButton(annPage, byBen.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(likeButton(annPage, byCat.id)).toHaveAttribute('aria-pressed', 'true');
  await expect(commentArticle(annPage, byCat.id).getByText('Reported', { exact: true })).toHaveCount(0);

  // A reader without a session: the cached page, no forms and no one's layer.
  const anonymous = await visitor();
  await anonymous.goto(PATH);
  for (const id of [byAnn.id, byBen.id, byCat.id]) {
    await expect(commentArticle(anonymous, id)).toBeVisible();
    await expect(commentArticle(anonymous, id).getByRole('button')).toHaveCount(0);
    await expect(commentArticle(anonymous, id).getByRole('link')).toHaveCount(0);
  }
  await expect(anonymous.getByTestId('comment-form')).toHaveCount(0);
});
