import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { querySearchPage } from '../../lib/dal/search-query';
import { SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE, searchParamsSchema } from '../../lib/validations/listing';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// Search ranking and paging against a real PostgreSQL (posts.search and title_search kept
// by the triggers). Each test searches a made-up word of its own, so only its posts match.

let db: pg.Pool;
let authorId: string;

before(async () => {
  db = pool();
  authorId = await createAuthor(db);
});
after(() => db.end());

/** A word no dictionary stems or drops: letters only, unique to the test. */
const madeUpWord = () => `zq${[...randomBytes(6)].map((b) => String.fromCharCode(97 + (b % 26))).join('')}`;

const day = (n: number) => new Date(Date.UTC(2024, 0, 1 + n));

test('a title match ranks above newer posts that have the word only in their body; drafts never show', async () => {
  const word = madeUpWord();
  const bodyOnlyNew = await createPost(db, authorId, { title: 'Weekly notes', body: `Today the ${word} came up twice: ${word}.`, publishedAt: day(30) });
  const inTitleOld = await createPost(db, authorId, { title: `Why ${word} matters`, body: 'A short body.', publishedAt: day(1) });
  const bodyOnce = await createPost(db, authorId, { title: 'Other notes', body: `Once: ${word}, among many other words here.`, publishedAt: day(20) });
  await createPost(db, authorId, { title: `Draft about ${word}`, status: 'DRAFT', publishedAt: null });

  const result = await querySearchPage(word);
  assert.deepEqual(
    result.hits.map((h) => h.slug),
    [inTitleOld.slug, bodyOnlyNew.slug, bodyOnce.slug],
    'title match first, then the body that repeats the word, then the one that has it once',
  );
  assert.equal(result.total, 3);
  assert.equal(result.capped, false);
  assert.equal(result.hasNext, false);
  const marked = result.hits[1]?.snippet.filter((part) => part.hit).map((part) => part.text.toLowerCase());
  assert.deepEqual(marked, [word, word], 'the snippet marks the word where it occurs');
});

test('pages continue each other without duplicates, title matches first throughout, and the last page has no next', async () => {
  const word = madeUpWord();
  const titled = new Set<string>();
  const all = new Set<string>();
  for (let i = 0; i < 2 * SEARCH_PAGE_SIZE + 5; i++) {
    const inTitle = i % 3 === 0;
    const post = await createPost(db, authorId, {
      title: inTitle ? `Post ${i} on ${word}` : `Post ${i}`,
      body: inTitle ? 'Nothing else.' : `The body mentions ${word} once.`,
      publishedAt: day(i),
    });
    all.add(post.slug);
    if (inTitle) titled.add(post.slug);
  }

  const pages = [await querySearchPage(word, 1), await querySearchPage(word, 2), await querySearchPage(word, 3)];
  assert.deepEqual(
    pages.map((p) => [p.hits.length, p.hasNext]),
    [
      [SEARCH_PAGE_SIZE, true],
      [SEARCH_PAGE_SIZE, true],
      [5, false],
    ],
  );
  const slugs = pages.flatMap((p) => p.hits.map((h) => h.slug));
  assert.equal(new Set(slugs).size, slugs.length, 'no post on two pages');
  assert.deepEqual(new Set(slugs), all, 'every match on some page');
  assert.deepEqual(new Set(slugs.slice(0, titled.size)), titled, 'the title matches fill the first places');
  for (const p of pages) assert.equal(p.total, all.size);

  const beyond = await querySearchPage(word, 4);
  assert.deepEqual([beyond.hits.length, beyond.hasNext, beyond.total], [0, false, 0]);
});

test('the page parameter: a whole number from 1 up to the last page a link can ask for', () => {
  const page = (value: unknown) => searchParamsSchema.safeParse({ q: 'pmo', page: value });
  assert.equal(page(undefined).data?.page, 1);
  assert.equal(page('2').data?.page, 2);
  assert.equal(page(['3', '4']).data?.page, 3);
  assert.equal(page(String(SEARCH_MAX_PAGE)).data?.page, SEARCH_MAX_PAGE);
  for (const bad of ['0', '-1', '1.5', 'abc', '', ' 2', '1e1', '02', String(SEARCH_MAX_PAGE + 1), '99999999999999999999']) {
    const result = page(bad);
    assert.equal(result.success, false, `page=${JSON.stringify(bad)} should be refused`);
    assert.deepEqual(result.error?.issues.map((issue) => issue.path[0]), ['page']);
  }
});
