import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { TAGS } from '../../lib/cache-tags';
import { queryRelatedPosts } from '../../lib/dal/related-query';
import { postInputSchema } from '../../lib/validations/posts';
import { createAuthor, createPost, pool } from './helpers/fixtures';

// Related posts against a real PostgreSQL: shared tags and categories first, then text
// similarity (posts.search, kept by the triggers); only what readers may see; and the cache
// tags that let a write to a shown post expire the block. Each test uses tags, categories
// and made-up words of its own, so other tests' posts never match.

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
const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;

async function tag(): Promise<string> {
  const id = newId('t');
  const word = madeUpWord();
  // Slug and name alike, as the editor makes them: a save naming the tag keeps this very tag.
  await db.query('INSERT INTO tags (id, slug, name) VALUES ($1, $2, $2)', [id, word]);
  return id;
}

async function category(): Promise<string> {
  const id = newId('c');
  await db.query('INSERT INTO categories (id, slug, name) VALUES ($1, $2, $3)', [id, `category-${id}`, madeUpWord()]);
  return id;
}

async function file(postId: string, { tags = [], categories = [] }: { tags?: string[]; categories?: string[] }) {
  for (const t of tags) await db.query('INSERT INTO post_tags (post_id, tag_id) VALUES ($1, $2)', [postId, t]);
  for (const c of categories) await db.query('INSERT INTO post_categories (post_id, category_id) VALUES ($1, $2)', [postId, c]);
}

const ids = async (postId: string) => (await queryRelatedPosts(postId)).ids;

test('shared tags and category come first, text similarity breaks ties, at most three', async () => {
  const [t1, t2, c1] = [await tag(), await tag(), await category()];
  const word = madeUpWord();
  const me = await createPost(db, authorId, { title: `Notes on ${word}`, publishedAt: day(10) });
  await file(me.id, { tags: [t1, t2], categories: [c1] });
  const bothTagsAndCategory = await createPost(db, authorId, { title: 'Unrelated words', publishedAt: day(1) });
  await file(bothTagsAndCategory.id, { tags: [t1, t2], categories: [c1] });
  const oneTag = await createPost(db, authorId, { title: 'Other words', publishedAt: day(2) });
  await file(oneTag.id, { tags: [t2] });
  const categoryAndText = await createPost(db, authorId, { title: `More ${word}`, publishedAt: day(3) });
  await file(categoryAndText.id, { categories: [c1] });
  const categoryNewer = await createPost(db, authorId, { title: 'Plain title', publishedAt: day(9) });
  await file(categoryNewer.id, { categories: [c1] });
  // The best text match of all, but no taxonomy in common: taxonomy wins.
  await createPost(db, authorId, { title: `${word} ${word}`, body: `${word} again: ${word}.`, publishedAt: day(8) });

  assert.deepEqual(await ids(me.id), [bothTagsAndCategory.id, oneTag.id, categoryAndText.id], 'score 5, then 2, then the category match whose title shares a word (over a newer one that does not)');
});

test('never a draft, a scheduled post, a trashed post or the post itself', async () => {
  const [t1, t2] = [await tag(), await tag()];
  const word = madeUpWord();
  const me = await createPost(db, authorId, { title: `About ${word}`, publishedAt: day(5) });
  await file(me.id, { tags: [t1, t2] });
  const hidden = [
    await createPost(db, authorId, { title: `Draft ${word}`, status: 'DRAFT', publishedAt: null }),
    await createPost(db, authorId, { title: `Scheduled ${word}`, status: 'SCHEDULED', publishedAt: new Date(Date.now() + 86_400_000) }),
    await createPost(db, authorId, { title: `Trashed ${word}`, publishedAt: day(4), deletedAt: new Date() }),
  ];
  for (const post of hidden) await file(post.id, { tags: [t1, t2] });
  const shown = await createPost(db, authorId, { title: 'Published, one tag', publishedAt: day(1) });
  await file(shown.id, { tags: [t2] });
  const textOnly = await createPost(db, authorId, { title: `Published ${word}`, publishedAt: day(2) });

  const result = await ids(me.id);
  assert.deepEqual(result, [shown.id, textOnly.id], 'the published tag match, then the published text match; nothing hidden');
  assert.ok(!result.includes(me.id));
});

test('with no tags or categories, posts are chosen by the words of the title, best match first', async () => {
  const [w1, w2] = [madeUpWord(), madeUpWord()];
  const me = await createPost(db, authorId, { title: `The ${w1} and the ${w2}`, publishedAt: day(20) });
  const both = await createPost(db, authorId, { title: `${w1} meets ${w2}`, publishedAt: day(1) });
  const oneInTitle = await createPost(db, authorId, { title: `Only ${w2}`, publishedAt: day(2) });
  const inBody = await createPost(db, authorId, { title: 'Weekly notes', body: `Today ${w1} came up.`, publishedAt: day(3) });
  const fourth = await createPost(db, authorId, { title: 'More notes', body: `Also ${w2}.`, publishedAt: day(0) });
  await createPost(db, authorId, { title: 'Nothing in common', publishedAt: day(19) });

  const result = await ids(me.id);
  assert.deepEqual(result, [both.id, oneInTitle.id, inBody.id], 'both words in the title, one in the title, then the newer body match');
  assert.ok(!result.includes(fourth.id));
  // A title of stop words only has no text query: nothing, and no error.
  const stopWords = await createPost(db, authorId, { title: 'The and of', publishedAt: day(21) });
  assert.deepEqual(await ids(stopWords.id), []);
});

test('a title full of quotes, backslashes and tsquery operators is a safe text query', async () => {
  // Every word made up, so no post another test made shares one (the database is shared).
  const [word, o, name, drive, dir, quoted] = [1, 2, 3, 4, 5, 6].map(() => madeUpWord());
  const me = await createPost(db, authorId, { title: `${o}'${name}'s ${word}: ${drive}:\\${dir}\\ & | ! ( ) <-> "${quoted}" ''`, publishedAt: day(3) });
  const match = await createPost(db, authorId, { title: `${word} again`, publishedAt: day(1) });
  assert.deepEqual(await ids(me.id), [match.id]);
});

test('the block is tagged with the list and each shown post, and unpublishing, trashing or retitling a shown post returns one of them', async () => {
  const adminPosts = await import('../../lib/dal/admin-posts');
  const adminId = newId('u');
  await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Admin', 'ADMIN', now())`, [adminId, `${adminId}@example.test`]);
  const admin: Actor = { id: adminId, role: 'ADMIN', banned: false };
  const t1 = await tag();
  const tagName = (await db.query<{ name: string }>('SELECT name FROM tags WHERE id = $1', [t1])).rows[0]?.name ?? '';
  // Titles of words no other post has: only the tag relates these three.
  const me = await createPost(db, authorId, { title: madeUpWord(), publishedAt: day(9) });
  const a = await createPost(db, authorId, { title: madeUpWord(), publishedAt: day(2) });
  const b = await createPost(db, authorId, { title: madeUpWord(), publishedAt: day(1) });
  for (const post of [me, a, b]) await file(post.id, { tags: [t1] });

  const related = await queryRelatedPosts(me.id);
  assert.deepEqual(related.ids, [a.id, b.id]);
  assert.deepEqual(related.tags, [TAGS.posts, TAGS.post(a.slug), TAGS.post(b.slug)]);

  // Retitled (tags kept): the card's title changes, so the block must expire.
  const retitled = await adminPosts.savePost(admin, a.id, postInputSchema.parse({ title: 'A new title', slug: a.slug, tags: [tagName] }), 1);
  assert.ok(retitled.ok, JSON.stringify(retitled));
  assert.ok(related.tags.some((t) => retitled.tags.includes(t)), JSON.stringify(retitled.tags));
  assert.deepEqual((await queryRelatedPosts(me.id)).ids, [a.id, b.id]);

  const unpublished = await adminPosts.unpublishPost(admin, a.id);
  assert.ok(unpublished.ok);
  assert.ok(unpublished.tags.includes(TAGS.post(a.slug)) && unpublished.tags.includes(TAGS.posts), JSON.stringify(unpublished.tags));
  assert.deepEqual((await queryRelatedPosts(me.id)).ids, [b.id], 'the unpublished post is gone from the block');

  const trashed = await adminPosts.trashPost(admin, b.id);
  assert.ok(trashed.ok);
  assert.ok(related.tags.some((t) => trashed.tags.includes(t)), JSON.stringify(trashed.tags));
  assert.deepEqual((await queryRelatedPosts(me.id)).ids, []);

  const restored = await adminPosts.restorePost(admin, b.id);
  assert.ok(restored.ok && restored.tags.includes(TAGS.posts), 'a post coming back expires the blocks too');
  assert.deepEqual((await queryRelatedPosts(me.id)).ids, [b.id]);
});
