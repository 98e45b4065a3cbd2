import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { postInputSchema, type PostInputRaw } from '../../lib/validations/posts';
import { createPost, pool } from './helpers/fixtures';

// Writing posts from the admin area against a real PostgreSQL: roles and ownership,
// the version check between two editors, revisions, old addresses kept as redirects,
// tags created on the fly, publishing, scheduling, the trash.

type AdminPosts = typeof import('../../lib/dal/admin-posts');
let posts: AdminPosts;
let db: pg.Pool;

before(async () => {
  posts = await import('../../lib/dal/admin-posts');
  db = pool();
});

after(async () => {
  await db.end();
});

async function user(role: Actor['role'], banned = false): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query('INSERT INTO users (id, email, name, role, banned_at, updated_at) VALUES ($1, $2, $3, $4, $5, now())', [id, `${id}@example.test`, `${role} ${id.slice(-4)}`, role, banned ? new Date() : null]);
  return { id, role, banned };
}

const input = (fields: PostInputRaw) => postInputSchema.parse(fields);

async function row(id: string) {
  const { rows } = await db.query<{ slug: string; title: string; body: string; status: string; version: number; published_at: Date | null; deleted_at: Date | null; reading_minutes: number; author_id: string }>(
    'SELECT slug, title, body, status, version, published_at, deleted_at, reading_minutes, author_id FROM posts WHERE id = $1',
    [id],
  );
  return rows[0];
}

test('a contributor drafts and saves their own post but cannot publish it; another contributor cannot touch it', async () => {
  const contributor = await user('CONTRIBUTOR');
  const created = await posts.createDraft(contributor, 'Añadir un Ñandú: notes');
  assert.ok(created.ok);
  assert.match(created.slug, /^anadir-un-nandu-notes/);
  const saved = await posts.savePost(contributor, created.id, input({ title: 'Notes', slug: created.slug, body: 'word '.repeat(700) }), created.version);
  assert.ok(saved.ok, JSON.stringify(saved));
  assert.equal((await row(created.id))?.reading_minutes, 3);
  assert.deepEqual(await posts.publishPost(contributor, created.id), { ok: false, status: 403, reason: 'postForbidden' });
  const other = await user('CONTRIBUTOR');
  assert.equal((await posts.savePost(other, created.id, input({ title: 'Mine now', slug: created.slug }), saved.version)).ok, false);
  assert.equal((await row(created.id))?.title, 'Notes');
  assert.equal((await row(created.id))?.status, 'DRAFT');
});

test('the editor’s Publish saves and publishes as one: refused whole for a contributor, done whole for the author', async () => {
  const contributor = await user('CONTRIBUTOR');
  const draft = await posts.createDraft(contributor, 'Eager');
  assert.ok(draft.ok);
  const edited = input({ title: 'Eager, edited', slug: draft.slug, body: 'changed' });
  assert.equal((await posts.savePost(contributor, draft.id, edited, draft.version, { to: 'published', at: null })).ok, false);
  const kept = await row(draft.id);
  assert.deepEqual([kept?.title, kept?.body, kept?.status, kept?.version], ['Eager', '', 'DRAFT', draft.version]);
  const author = await user('AUTHOR');
  const own = await posts.createDraft(author, 'Ready');
  assert.ok(own.ok);
  const done = await posts.savePost(author, own.id, input({ title: 'Ready', slug: own.slug, body: 'out now' }), own.version, { to: 'published', at: null });
  assert.ok(done.ok && done.status === 'PUBLISHED' && done.version === own.version + 2 && done.tags.includes('posts'));
  assert.deepEqual(await posts.savePost(author, own.id, input({ title: 'Ready', slug: own.slug }), done.version, { to: 'draft' }).then((r) => r.ok && r.status), 'DRAFT');
});

test('authors publish their own posts only; editors any; a ban or a member role allows nothing', async () => {
  const author = await user('AUTHOR');
  const other = await user('AUTHOR');
  const editor = await user('EDITOR');
  const mine = await posts.createDraft(author, 'Mine');
  assert.ok(mine.ok);
  assert.equal((await posts.publishPost(other, mine.id)).ok, false);
  assert.equal((await posts.publishPost(await user('MEMBER'), mine.id)).ok, false);
  assert.equal((await posts.publishPost({ ...editor, banned: true }, mine.id)).ok, false);
  assert.equal((await row(mine.id))?.status, 'DRAFT');
  const published = await posts.publishPost(author, mine.id);
  assert.ok(published.ok);
  assert.equal(published.status, 'PUBLISHED');
  assert.ok(published.tags.includes('posts') && published.tags.includes(`post:${mine.slug}`));
  assert.ok((await posts.unpublishPost(editor, mine.id)).ok);
  assert.equal((await row(mine.id))?.status, 'DRAFT');
  assert.equal((await row(mine.id))?.published_at, null);
});

test('the later of two saves from the same version is refused with the current version, and nothing is overwritten', async () => {
  const author = await user('AUTHOR');
  const draft = await posts.createDraft(author, 'Two tabs');
  assert.ok(draft.ok);
  const first = await posts.savePost(author, draft.id, input({ title: 'Two tabs', slug: draft.slug, body: 'from tab one' }), draft.version);
  assert.ok(first.ok);
  const second = await posts.savePost(author, draft.id, input({ title: 'Two tabs', slug: draft.slug, body: 'from tab two' }), draft.version);
  assert.equal(second.ok, false);
  assert.ok(!second.ok && second.status === 409 && second.current?.version === first.version);
  assert.equal((await row(draft.id))?.body, 'from tab one');
});

test('saves that change the body keep revisions; others do not', async () => {
  const author = await user('AUTHOR');
  const draft = await posts.createDraft(author, 'Revised');
  assert.ok(draft.ok);
  let version = draft.version;
  for (const body of ['one', 'two', 'two']) {
    const saved = await posts.savePost(author, draft.id, input({ title: 'Revised', slug: draft.slug, body, excerpt: `excerpt ${body}` }), version);
    assert.ok(saved.ok);
    version = saved.version;
  }
  const { rows } = await db.query<{ body: string; author_id: string }>('SELECT body, author_id FROM post_revisions WHERE post_id = $1 ORDER BY created_at', [draft.id]);
  assert.deepEqual(rows.map((r) => r.body), ['one', 'two']);
  assert.ok(rows.every((r) => r.author_id === author.id));
});

test('a published post keeps its old address as a redirect; a taken address is refused; taking an old address back removes its redirect', async () => {
  const author = await user('AUTHOR');
  const post = await createPost(db, author.id, { title: 'Old name' });
  const other = await createPost(db, author.id, { title: 'Neighbour' });
  const v = (await row(post.id))?.version ?? 1;
  const taken = await posts.savePost(author, post.id, input({ title: 'Old name', slug: other.slug }), v);
  assert.ok(!taken.ok && taken.fieldErrors?.slug === 'postSlugTaken');

  const newSlug = `renamed-${post.id}`;
  const renamed = await posts.savePost(author, post.id, input({ title: 'New name', slug: newSlug }), v);
  assert.ok(renamed.ok);
  assert.ok(renamed.tags.includes(`post:${post.slug}`) && renamed.tags.includes(`post:${newSlug}`));
  const redirects = async () => (await db.query<{ from_slug: string }>('SELECT from_slug FROM post_redirects WHERE post_id = $1', [post.id])).rows.map((r) => r.from_slug);
  assert.deepEqual(await redirects(), [post.slug]);
  // Another post cannot take the old address while it redirects.
  const steal = await posts.savePost(author, other.id, input({ title: 'Neighbour', slug: post.slug }), (await row(other.id))?.version ?? 1);
  assert.equal(steal.ok, false);
  const back = await posts.savePost(author, post.id, input({ title: 'Old name', slug: post.slug }), renamed.version);
  assert.ok(back.ok);
  assert.deepEqual(await redirects(), [newSlug]);
});

test('tags are created on the fly (one per slug) and categories set; only staff can become the author', async () => {
  const editor = await user('EDITOR');
  const author = await user('AUTHOR');
  const draft = await posts.createDraft(editor, 'Tagged');
  assert.ok(draft.ok);
  const { rows: cats } = await db.query<{ id: string }>('SELECT id FROM categories LIMIT 1');
  const categoryIds = cats.map((c) => c.id);
  const tagName = `Fresh Tag ${randomUUID().slice(0, 6)}`;
  const saved = await posts.savePost(editor, draft.id, input({ title: 'Tagged', slug: draft.slug, tags: [tagName, tagName.toLowerCase()], categoryIds, authorId: author.id }), draft.version);
  assert.ok(saved.ok, JSON.stringify(saved));
  const { rows: tags } = await db.query<{ name: string }>('SELECT t.name FROM post_tags pt JOIN tags t ON t.id = pt.tag_id WHERE pt.post_id = $1', [draft.id]);
  assert.deepEqual(tags.map((t) => t.name), [tagName]);
  assert.equal((await db.query('SELECT 1 FROM post_categories WHERE post_id = $1', [draft.id])).rows.length, categoryIds.length);
  assert.equal((await row(draft.id))?.author_id, author.id);
  const member = await user('MEMBER');
  const refused = await posts.savePost(editor, draft.id, input({ title: 'Tagged', slug: draft.slug, authorId: member.id }), saved.version);
  assert.ok(!refused.ok && refused.fieldErrors?.authorId);
  // An author cannot give their post away.
  const own = await posts.createDraft(author, 'Keep');
  assert.ok(own.ok);
  assert.equal((await posts.savePost(author, own.id, input({ title: 'Keep', slug: own.slug, authorId: editor.id }), own.version)).ok, false);
});

test('scheduling: a future time makes the post SCHEDULED at that time; now publishes at once', async () => {
  const author = await user('AUTHOR');
  const draft = await posts.createDraft(author, 'Later');
  assert.ok(draft.ok);
  const at = new Date(Date.now() + 60 * 60 * 1000);
  const scheduled = await posts.publishPost(author, draft.id, at);
  assert.ok(scheduled.ok && scheduled.status === 'SCHEDULED' && scheduled.publishedAt === at.toISOString());
  const now = await posts.publishPost(author, draft.id, null);
  assert.ok(now.ok && now.status === 'PUBLISHED');
  assert.ok(Math.abs(new Date(now.publishedAt).getTime() - Date.now()) < 60_000);
});

test('the trash: off the site, restorable, and only admins empty it', async () => {
  const author = await user('AUTHOR');
  const admin = await user('ADMIN');
  const post = await createPost(db, author.id);
  const trashed = await posts.trashPost(author, post.id);
  assert.ok(trashed.ok && trashed.tags.includes(`post:${post.slug}`));
  assert.ok((await row(post.id))?.deleted_at);
  assert.equal((await posts.savePost(author, post.id, input({ title: 'x', slug: post.slug }), 1)).ok, false);
  assert.ok((await posts.restorePost(author, post.id)).ok);
  assert.equal((await row(post.id))?.deleted_at, null);
  assert.ok((await posts.trashPost(author, post.id)).ok);
  assert.equal((await posts.emptyTrash(author)).ok, false);
  const emptied = await posts.emptyTrash(admin);
  assert.ok(emptied.ok && emptied.deleted >= 1);
  assert.equal(await row(post.id), undefined);
});

test('bad editor input is refused by the schema with a message per field', () => {
  const result = postInputSchema.safeParse({ title: '', slug: 'Not A Slug!', coverImage: 'https://evil.example/x.png', tags: ['x'.repeat(41)] });
  assert.equal(result.success, false);
  const fields = new Set(result.error?.issues.map((i) => String(i.path[0])));
  assert.deepEqual([...fields].sort(), ['coverImage', 'slug', 'tags', 'title']);
});

test('a body posted from a form with CRLF line breaks is stored with LF', () => {
  assert.equal(postInputSchema.parse({ title: 'T', slug: 't', body: 'one\r\ntwo\rthree\nfour' }).body, 'one\ntwo\nthree\nfour');
});

test('drafts created at the same moment get distinct addresses; two posts renamed to one address at once: one gets it, the other a field error', async () => {
  const author = await user('AUTHOR');
  // Ends in a word: a random part of digits only would look like a numbered address.
  const title = `Same title ${randomUUID().slice(0, 6)} draft`;
  const created = await Promise.all(Array.from({ length: 8 }, () => posts.createDraft(author, title)));
  const slugs = created.map((c) => (c.ok ? c.slug : `refused: ${c.reason}`));
  assert.equal(new Set(slugs).size, 8, slugs.join(', '));
  const base = slugs.find((s) => s.endsWith('-draft'));
  assert.ok(base, 'one draft has the plain address');

  const [a, b] = await Promise.all([posts.createDraft(author, 'A'), posts.createDraft(author, 'B')]);
  assert.ok(a.ok && b.ok);
  const wanted = `contested-${randomUUID().slice(0, 6)}`;
  const saves = await Promise.all(
    [a, b].map((p) => posts.savePost(author, p.id, input({ title: 'Contested', slug: wanted, body: 'x' }), p.version)),
  );
  assert.deepEqual(saves.map((s) => s.ok).sort(), [false, true]);
  const refused = saves.find((s) => !s.ok);
  assert.deepEqual(refused && !refused.ok ? [refused.status, refused.fieldErrors?.slug] : null, [409, 'postSlugTaken']);
});

test('an empty excerpt is made from the body and follows it until the author writes one', async () => {
  const author = await user('AUTHOR');
  const created = await posts.createDraft(author, 'Excerpts');
  assert.ok(created.ok);
  const body = '# Heading\n\nThe *first* paragraph, with a [link](https://example.com).\n\n![a photo](/uploads/x.png)\n\nThe second one.';
  const first = await posts.savePost(author, created.id, input({ title: 'Excerpts', slug: created.slug, body }), created.version);
  assert.ok(first.ok);
  const excerpt = async () => (await db.query<{ excerpt: string }>('SELECT excerpt FROM posts WHERE id = $1', [created.id])).rows[0]?.excerpt;
  assert.equal(await excerpt(), 'The first paragraph, with a link. The second one.');

  // The editor, reloaded, sends the stored (automatic) excerpt back with a new body: it follows the body.
  const second = await posts.savePost(author, created.id, input({ title: 'Excerpts', slug: created.slug, body: 'A new opening. '.repeat(30), excerpt: (await excerpt()) ?? '' }), first.version);
  assert.ok(second.ok);
  const long = (await excerpt()) ?? '';
  assert.ok(long.startsWith('A new opening. A new opening.') && long.endsWith('…') && long.length <= 200, long);

  const third = await posts.savePost(author, created.id, input({ title: 'Excerpts', slug: created.slug, body: 'Changed again.', excerpt: 'Written by hand.' }), second.version);
  assert.ok(third.ok);
  const fourth = await posts.savePost(author, created.id, input({ title: 'Excerpts', slug: created.slug, body: 'And again.', excerpt: 'Written by hand.' }), third.version);
  assert.ok(fourth.ok);
  assert.equal(await excerpt(), 'Written by hand.');
});
