import assert from 'node:assert/strict';
import { randomInt, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { postInputSchema } from '../../lib/validations/posts';
import { createPost, pool } from './helpers/fixtures';

// A publish that fails halfway leaves no half-published post. The editor's Publish saves
// the fields and changes the state in one transaction (lib/dal/admin-posts.ts savePost
// with a state change); here the real database fails it in the middle, by a trigger that
// raises, or by the connection being killed while the transaction waits, and the post,
// its revisions, tags and redirects must be exactly as before. The retry then succeeds.

type AdminPosts = typeof import('../../lib/dal/admin-posts');
type DbErrors = typeof import('../../lib/dal/db-errors');
let posts: AdminPosts;
let isDatabaseError: DbErrors['isDatabaseError'];
let db: pg.Pool;

before(async () => {
  posts = await import('../../lib/dal/admin-posts');
  ({ isDatabaseError } = await import('../../lib/dal/db-errors'));
  db = pool();
});

after(async () => {
  await db.end();
});

async function author(): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Failing author', 'AUTHOR', now())`, [id, `${id}@example.test`]);
  return { id, role: 'AUTHOR', banned: false };
}

/** Everything a publish may write for `postId`, read back as one comparable value. */
async function snapshot(postId: string, tagNames: string[]) {
  const one = async (sql: string, params: unknown[]) => (await db.query(sql, params)).rows;
  return {
    post: (await one('SELECT title, body, slug, status, published_at, version, updated_at FROM posts WHERE id = $1', [postId]))[0],
    revisions: await one('SELECT title, body FROM post_revisions WHERE post_id = $1 ORDER BY created_at', [postId]),
    redirects: await one('SELECT from_slug FROM post_redirects WHERE post_id = $1 ORDER BY from_slug', [postId]),
    postTags: await one('SELECT tag_id FROM post_tags WHERE post_id = $1 ORDER BY tag_id', [postId]),
    tags: await one('SELECT name FROM tags WHERE name = ANY($1::text[]) ORDER BY name', [tagNames]),
  };
}

/**
 * Runs `fn` with a trigger on `table` for `postId` that runs `plpgsql` (its body), then
 * drops it whatever happens. `when` narrows the rows (NEW is the written row).
 */
async function withTrigger<T>(table: 'posts' | 'post_revisions', postId: string, when: string, plpgsql: string, fn: () => Promise<T>): Promise<T> {
  assert.match(postId, /^[a-z0-9]+$/); // inlined in DDL below
  const name = `test_fail_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  // Posts are updated by a publish, revisions inserted.
  const [column, event] = table === 'posts' ? ['id', 'UPDATE'] : ['post_id', 'INSERT'];
  await db.query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${plpgsql} RETURN NEW; END $$`);
  await db.query(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW WHEN (NEW.${column} = '${postId}' AND ${when}) EXECUTE FUNCTION ${name}()`);
  try {
    return await fn();
  } finally {
    await db.query(`DROP FUNCTION ${name}() CASCADE`);
  }
}

const RAISE = `RAISE EXCEPTION 'injected failure';`;
// The state change is the publish's last write: the only update that moves status or date.
const STATE_CHANGE = '(NEW.status IS DISTINCT FROM OLD.status OR NEW.published_at IS DISTINCT FROM OLD.published_at)';

/** The editor's Publish on a fresh draft: new title, body (a revision), address and tags. */
async function draftAndEdit() {
  const actor = await author();
  const draft = await createPost(db, actor.id, { title: 'Before', body: 'The body before.', status: 'DRAFT', publishedAt: null });
  const tagNames = [`Failing tag ${randomUUID().slice(0, 8)}`];
  const input = postInputSchema.parse({ title: 'After', body: 'The body after.', slug: `after-${draft.id}`, tags: tagNames });
  return { actor, draft, tagNames, input, before: await snapshot(draft.id, tagNames) };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('the publish should have failed');
}

for (const [where, table, when] of [
  ['its last write (the state change)', 'posts', STATE_CHANGE],
  ['the middle (the revision)', 'post_revisions', 'true'],
] as const) {
  test(`a publish the database refuses at ${where} changes nothing; the retry publishes`, async () => {
    const { actor, draft, tagNames, input, before } = await draftAndEdit();
    const error = await withTrigger(table, draft.id, when, RAISE, () => rejection(posts.savePost(actor, draft.id, input, 1, { to: 'published', at: null })));
    assert.ok(isDatabaseError(error), `not taken for a database error: ${String(error)}`);
    assert.deepEqual(await snapshot(draft.id, tagNames), before);
    assert.equal(before.post?.status, 'DRAFT');

    // The editor still holds version 1, and that is still the current one.
    const retry = await posts.savePost(actor, draft.id, input, 1, { to: 'published', at: null });
    assert.ok(retry.ok && retry.status === 'PUBLISHED' && retry.version === 3, JSON.stringify(retry));
    const now = await snapshot(draft.id, tagNames);
    assert.equal(now.post?.status, 'PUBLISHED');
    assert.ok(now.post?.published_at);
    assert.deepEqual(now.revisions, [{ title: 'After', body: 'The body after.' }]);
    assert.deepEqual(now.tags, [{ name: tagNames[0] }]);
  });
}

test('rescheduling a published post under a new address fails at its last write: still published at the old address, no redirect', async () => {
  const actor = await author();
  const post = await createPost(db, actor.id, { title: 'Live', body: 'Live body.' });
  const tagNames = [`Late tag ${randomUUID().slice(0, 8)}`];
  const input = postInputSchema.parse({ title: 'Live', body: 'Live body.', slug: `moved-${post.id}`, tags: tagNames });
  const later = { to: 'published' as const, at: new Date(Date.now() + 86_400_000) };
  const before = await snapshot(post.id, tagNames);
  const error = await withTrigger('posts', post.id, STATE_CHANGE, RAISE, () => rejection(posts.savePost(actor, post.id, input, 1, later)));
  assert.ok(isDatabaseError(error));
  assert.deepEqual(await snapshot(post.id, tagNames), before);
  assert.deepEqual(before.redirects, []);

  const retry = await posts.savePost(actor, post.id, input, 1, later);
  assert.ok(retry.ok && retry.status === 'SCHEDULED', JSON.stringify(retry));
  assert.deepEqual((await snapshot(post.id, tagNames)).redirects, [{ from_slug: post.slug }]);
});

test('a publish whose connection is killed while it waits inside its transaction changes nothing; the retry publishes', async () => {
  const { actor, draft, tagNames, input, before } = await draftAndEdit();
  // The publish's last write waits for an advisory lock this test holds, then its backend is terminated.
  const key = randomInt(1, 2 ** 31 - 1);
  const holder = await db.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('SELECT pg_advisory_xact_lock($1)', [key]);
    const error = await withTrigger('posts', draft.id, STATE_CHANGE, `PERFORM pg_advisory_xact_lock(${key});`, async () => {
      const publishing = rejection(posts.savePost(actor, draft.id, input, 1, { to: 'published', at: null }));
      const pid = await waitingFor(key);
      // Everything but the state change is written by now, uncommitted.
      assert.equal((await db.query<{ ok: boolean }>('SELECT pg_terminate_backend($1) AS ok', [pid])).rows[0]?.ok, true);
      return publishing;
    });
    assert.ok(isDatabaseError(error), `not taken for a database error: ${String(error)}`);
    assert.match(String(error), /57P01|terminat/);
  } finally {
    await holder.query('ROLLBACK');
    holder.release();
  }
  assert.deepEqual(await snapshot(draft.id, tagNames), before);

  // The application's pool replaces the dead connection: the retry goes through.
  const retry = await posts.savePost(actor, draft.id, input, 1, { to: 'published', at: null });
  assert.ok(retry.ok && retry.status === 'PUBLISHED', JSON.stringify(retry));
  assert.equal((await snapshot(draft.id, tagNames)).post?.status, 'PUBLISHED');
});

/** The backend waiting for advisory lock `key` in this database (the paused publish). */
async function waitingFor(key: number): Promise<number> {
  for (let i = 0; i < 200; i += 1) {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = $1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [key],
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the publish never reached its last write');
}
