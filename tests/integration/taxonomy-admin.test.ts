import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { categoryInputSchema, mergeTagsSchema, tagInputSchema, type CategoryInput } from '../../lib/validations/taxonomy';
import { createPost, pool } from './helpers/fixtures';

// Managing categories and tags against a real PostgreSQL: who may, addresses made from
// names and kept unique, old addresses kept as redirects, merges, deletes that keep the
// posts, and the cache tags each change hands back.

type TaxonomyAdmin = typeof import('../../lib/dal/taxonomy-admin');
let taxonomy: TaxonomyAdmin;
let db: pg.Pool;

before(async () => {
  taxonomy = await import('../../lib/dal/taxonomy-admin');
  db = pool();
});

after(async () => {
  await db.end();
});

const uid = () => randomUUID().replaceAll('-', '').slice(0, 12);

async function user(role: Actor['role'], banned = false): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query('INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())', [id, `${id}@example.test`, role, role, banned ? new Date() : null]);
  return { id, role, banned };
}

async function term(table: 'categories' | 'tags', name = `Term ${uid()}`): Promise<{ id: string; slug: string; name: string }> {
  const id = `t${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const slug = `term-${uid()}`;
  await db.query(`INSERT INTO ${table} (id, slug, name) VALUES ($1, $2, $3)`, [id, slug, name]);
  return { id, slug, name };
}

async function file(postId: string, table: 'post_categories' | 'post_tags', termId: string): Promise<void> {
  const column = table === 'post_categories' ? 'category_id' : 'tag_id';
  await db.query(`INSERT INTO ${table} (post_id, ${column}) VALUES ($1, $2)`, [postId, termId]);
}

async function postsWith(table: 'post_categories' | 'post_tags', termId: string): Promise<string[]> {
  const column = table === 'post_categories' ? 'category_id' : 'tag_id';
  const { rows } = await db.query<{ post_id: string }>(`SELECT post_id FROM ${table} WHERE ${column} = $1 ORDER BY post_id`, [termId]);
  return rows.map((r) => r.post_id);
}

async function redirectsTo(column: 'category_id' | 'tag_id', id: string): Promise<string[]> {
  const { rows } = await db.query<{ from_slug: string }>(`SELECT from_slug FROM taxonomy_redirects WHERE ${column} = $1 ORDER BY from_slug`, [id]);
  return rows.map((r) => r.from_slug);
}

async function exists(table: 'categories' | 'tags' | 'posts', id: string): Promise<boolean> {
  return (await db.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])).rowCount === 1;
}

const category = (fields: Partial<CategoryInput> & { name: string }) => categoryInputSchema.parse(fields);

test('contributors, authors, members and banned editors are refused every change, and nothing changes; editors and admins may', async () => {
  const refused = [await user('CONTRIBUTOR'), await user('AUTHOR'), await user('MEMBER'), await user('EDITOR', true), null];
  const cat = await term('categories');
  const [tag, other] = [await term('tags'), await term('tags')];
  for (const actor of refused) {
    const answers = [
      await taxonomy.createCategory(actor, category({ name: `Refused ${uid()}` })),
      await taxonomy.updateCategory(actor, cat.id, category({ name: 'Renamed', slug: `renamed-${uid()}` })),
      await taxonomy.deleteCategory(actor, cat.id),
      await taxonomy.updateTag(actor, tag.id, tagInputSchema.parse({ name: 'Renamed' })),
      await taxonomy.mergeTags(actor, tag.id, other.slug),
      await taxonomy.deleteTag(actor, tag.id),
    ];
    for (const answer of answers) assert.deepEqual(answer, { ok: false, status: 403, reason: 'taxonomyForbidden' });
  }
  assert.equal((await db.query('SELECT name, slug FROM categories WHERE id = $1', [cat.id])).rows[0]?.slug, cat.slug);
  assert.ok((await exists('tags', tag.id)) && (await exists('tags', other.id)));

  const created = await taxonomy.createCategory(await user('EDITOR'), category({ name: `By an editor ${uid()}` }));
  assert.ok(created.ok, JSON.stringify(created));
  assert.ok((await taxonomy.updateTag(await user('ADMIN'), tag.id, tagInputSchema.parse({ name: 'By an admin' }))).ok);
});

test('a new category gets its address from the name, which must be free; a name with no letters asks for one', async () => {
  const editor = await user('EDITOR');
  const suffix = uid();
  const created = await taxonomy.createCategory(editor, category({ name: `Añadir un Ñandú ${suffix}`, description: '  About birds.  ' }));
  assert.ok(created.ok, JSON.stringify(created));
  assert.equal(created.slug, `anadir-un-nandu-${suffix}`);
  assert.deepEqual(created.tags, ['taxonomy', `category:${created.slug}`]);
  const { rows } = await db.query<{ name: string; description: string }>('SELECT name, description FROM categories WHERE id = $1', [created.id]);
  assert.deepEqual(rows[0], { name: `Añadir un Ñandú ${suffix}`, description: 'About birds.' });

  const again = await taxonomy.createCategory(editor, category({ name: 'Something else', slug: created.slug }));
  assert.deepEqual(again, { ok: false, status: 409, reason: 'chooseAddress', fieldErrors: { slug: 'termSlugTaken' } });
  const noLetters = await taxonomy.createCategory(editor, category({ name: '!!!' }));
  assert.equal(noLetters.ok, false);
  assert.ok(!noLetters.ok && noLetters.fieldErrors?.slug);
});

test('two editors creating the same address at once: one wins, the other gets the field error, not an exception', async () => {
  const slug = `race-${uid()}`;
  const [a, b] = await Promise.all([user('EDITOR'), user('EDITOR')]);
  const answers = await Promise.all([taxonomy.createCategory(a, category({ name: 'Race A', slug })), taxonomy.createCategory(b, category({ name: 'Race B', slug }))]);
  assert.equal(answers.filter((r) => r.ok).length, 1);
  const lost = answers.find((r) => !r.ok);
  assert.ok(lost && !lost.ok && lost.fieldErrors?.slug === 'termSlugTaken');
});

test('renaming a category moves its address, keeps the old one as a redirect and names every public post page to renew', async () => {
  const editor = await user('EDITOR');
  const authorId = (await user('AUTHOR')).id;
  const cat = await term('categories');
  const published = await createPost(db, authorId);
  const draft = await createPost(db, authorId, { status: 'DRAFT', publishedAt: null });
  await file(published.id, 'post_categories', cat.id);
  await file(draft.id, 'post_categories', cat.id);

  const newSlug = `moved-${uid()}`;
  const renamed = await taxonomy.updateCategory(editor, cat.id, category({ name: 'Moved', slug: `  ${newSlug.toUpperCase()} `, description: 'New text' }));
  assert.ok(renamed.ok, JSON.stringify(renamed));
  assert.equal(renamed.slug, newSlug);
  for (const tag of ['taxonomy', 'posts', `category:${cat.slug}`, `category:${newSlug}`, `post:${published.slug}`]) assert.ok(renamed.tags.includes(tag), tag);
  assert.ok(!renamed.tags.includes(`post:${draft.slug}`), 'a draft has no public page');
  assert.deepEqual(await redirectsTo('category_id', cat.id), [cat.slug]);

  // Only the description: the category's own page, not every post.
  const described = await taxonomy.updateCategory(editor, cat.id, category({ name: 'Moved', slug: newSlug, description: 'Other text' }));
  assert.ok(described.ok);
  assert.deepEqual(described.tags.sort(), ['taxonomy', `category:${newSlug}`].sort());

  // Taking the old address back: it is no longer a redirect.
  assert.ok((await taxonomy.updateCategory(editor, cat.id, category({ name: 'Moved', slug: cat.slug }))).ok);
  assert.deepEqual(await redirectsTo('category_id', cat.id), [newSlug]);
});

test('another category may take a renamed one’s old address (the live one wins); a taken address and an unknown id are refused', async () => {
  const editor = await user('EDITOR');
  const [first, second] = [await term('categories'), await term('categories')];
  const moved = `elsewhere-${uid()}`;
  assert.ok((await taxonomy.updateCategory(editor, first.id, category({ name: first.name, slug: moved }))).ok);
  const taken = await taxonomy.updateCategory(editor, second.id, category({ name: 'Second', slug: moved }));
  assert.ok(!taken.ok && taken.status === 409 && taken.fieldErrors?.slug === 'termSlugTaken');

  const claimed = await taxonomy.createCategory(editor, category({ name: 'Claims it', slug: first.slug }));
  assert.ok(claimed.ok, JSON.stringify(claimed));
  assert.deepEqual(await redirectsTo('category_id', first.id), []);

  const unknown = await taxonomy.updateCategory(editor, `c${uid()}${uid()}`, category({ name: 'Ghost' }));
  assert.ok(!unknown.ok && unknown.status === 404 && unknown.reason === 'categoryGone');
});

test('deleting a category keeps its posts: they only lose the category', async () => {
  const editor = await user('EDITOR');
  const cat = await term('categories');
  const post = await createPost(db, (await user('AUTHOR')).id);
  await file(post.id, 'post_categories', cat.id);
  assert.ok((await taxonomy.updateCategory(editor, cat.id, category({ name: cat.name, slug: `gone-${uid()}` }))).ok);

  const deleted = await taxonomy.deleteCategory(editor, cat.id);
  assert.ok(deleted.ok, JSON.stringify(deleted));
  assert.equal(deleted.posts, 1);
  assert.ok(deleted.tags.includes(`post:${post.slug}`) && deleted.tags.includes('posts') && deleted.tags.includes('taxonomy'));
  assert.equal(await exists('categories', cat.id), false);
  assert.equal(await exists('posts', post.id), true);
  assert.deepEqual(await postsWith('post_categories', cat.id), []);
  assert.deepEqual(await redirectsTo('category_id', cat.id), []);

  const twice = await taxonomy.deleteCategory(editor, cat.id);
  assert.ok(!twice.ok && twice.status === 404);
});

test('renaming a tag: a new address from the name when left empty, a taken one refused', async () => {
  const editor = await user('EDITOR');
  const [tag, other] = [await term('tags'), await term('tags')];
  const suffix = uid();
  const renamed = await taxonomy.updateTag(editor, tag.id, tagInputSchema.parse({ name: `Node.js ${suffix}`, slug: '' }));
  assert.ok(renamed.ok, JSON.stringify(renamed));
  assert.equal(renamed.slug, `node-js-${suffix}`);
  assert.ok(renamed.tags.includes(`tag:${tag.slug}`) && renamed.tags.includes(`tag:node-js-${suffix}`));
  assert.deepEqual(await redirectsTo('tag_id', tag.id), [tag.slug]);
  const taken = await taxonomy.updateTag(editor, tag.id, tagInputSchema.parse({ name: 'Clash', slug: other.slug }));
  assert.ok(!taken.ok && taken.fieldErrors?.slug === 'termSlugTaken');
  assert.equal((await db.query('SELECT name FROM tags WHERE id = $1', [tag.id])).rows[0]?.name, `Node.js ${suffix}`);
});

test('merging a tag: its posts get the target (once), it is deleted, and its addresses lead to the target', async () => {
  const editor = await user('EDITOR');
  const authorId = (await user('AUTHOR')).id;
  const [source, target] = [await term('tags', `Source ${uid()}`), await term('tags', `Target ${uid()}`)];
  const [onlySource, both, onlyTarget] = [await createPost(db, authorId), await createPost(db, authorId), await createPost(db, authorId)];
  await file(onlySource.id, 'post_tags', source.id);
  await file(both.id, 'post_tags', source.id);
  await file(both.id, 'post_tags', target.id);
  await file(onlyTarget.id, 'post_tags', target.id);
  // The source was renamed once: that older address must follow it to the target.
  const sourceSlug = `source-${uid()}`;
  assert.ok((await taxonomy.updateTag(editor, source.id, tagInputSchema.parse({ name: source.name, slug: sourceSlug }))).ok);

  const merged = await taxonomy.mergeTags(editor, source.id, target.name.toUpperCase());
  assert.ok(merged.ok, JSON.stringify(merged));
  assert.equal(merged.moved, 2);
  assert.equal(merged.target.id, target.id);
  for (const tag of ['taxonomy', 'posts', `tag:${sourceSlug}`, `tag:${target.slug}`, `post:${onlySource.slug}`, `post:${both.slug}`]) assert.ok(merged.tags.includes(tag), tag);
  assert.equal(await exists('tags', source.id), false);
  assert.deepEqual(await postsWith('post_tags', target.id), [onlySource.id, both.id, onlyTarget.id].sort());
  assert.deepEqual(await redirectsTo('tag_id', target.id), [source.slug, sourceSlug].sort());
});

test('a merge into itself, into an unknown tag or from an unknown tag is refused with a message', async () => {
  const editor = await user('EDITOR');
  const tag = await term('tags');
  const self = await taxonomy.mergeTags(editor, tag.id, tag.slug);
  assert.ok(!self.ok && self.status === 400 && self.fieldErrors?.into === 'mergeIntoItself');
  const nowhere = await taxonomy.mergeTags(editor, tag.id, `no-such-tag-${uid()}`);
  assert.ok(!nowhere.ok && nowhere.fieldErrors?.into === 'tagUnknown');
  const unknown = await taxonomy.mergeTags(editor, `t${uid()}${uid()}`, tag.slug);
  assert.ok(!unknown.ok && unknown.status === 404);
  assert.equal(await exists('tags', tag.id), true);
});

test('deleting a tag keeps its posts', async () => {
  const editor = await user('EDITOR');
  const tag = await term('tags');
  const post = await createPost(db, (await user('AUTHOR')).id);
  await file(post.id, 'post_tags', tag.id);
  const deleted = await taxonomy.deleteTag(editor, tag.id);
  assert.ok(deleted.ok, JSON.stringify(deleted));
  assert.equal(deleted.posts, 1);
  assert.ok(deleted.tags.includes(`post:${post.slug}`) && deleted.tags.includes(`tag:${tag.slug}`));
  assert.equal(await exists('posts', post.id), true);
  assert.deepEqual(await postsWith('post_tags', tag.id), []);
});

test('the form schemas: addresses lowercased and checked, an empty one left to the name, bounds with readable messages', () => {
  assert.equal(categoryInputSchema.parse({ name: 'A', slug: ' Mixed-Case ' }).slug, 'mixed-case');
  assert.equal(categoryInputSchema.parse({ name: 'A', slug: '' }).slug, null);
  const bad = categoryInputSchema.safeParse({ name: '', slug: 'no spaces!' });
  assert.ok(!bad.success);
  const messages = Object.fromEntries(bad.error.issues.map((i) => [String(i.path[0]), i.message]));
  assert.deepEqual(messages, { name: 'Give the category a name.', slug: 'Use lowercase letters, digits and single hyphens.' });
  assert.equal(tagInputSchema.safeParse({ name: 'x'.repeat(41) }).success, false);
  assert.equal(mergeTagsSchema.safeParse({ id: 'not an id', into: 'x' }).success, false);
});
