import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { roleChangeSchema, userListQuerySchema } from '../../lib/validations/users';
import { createPost, pool } from './helpers/fixtures';

// Users and roles (admins) against a real PostgreSQL: who may change a role, the last
// admin who is not banned, two admins demoting each other at the same moment.

type UsersAdmin = typeof import('../../lib/dal/users-admin');
let users: UsersAdmin;
let db: pg.Pool;

before(async () => {
  users = await import('../../lib/dal/users-admin');
  db = pool();
});

after(async () => {
  await db.end();
});

/** A user who can sign in (a password hash; its value does not matter here), unless `canSignIn` is false, like the seed's author. */
async function user(role: Actor['role'], { banned = false, name, canSignIn = true }: { banned?: boolean; name?: string; canSignIn?: boolean } = {}): Promise<Actor> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query('INSERT INTO users (id, email, name, role, banned_at, password_hash, updated_at) VALUES ($1, $2, $3, $4, $5, $6, now())', [
    id,
    `${id}@example.test`,
    name ?? `${role} ${id.slice(-4)}`,
    role,
    banned ? new Date() : null,
    canSignIn ? 'not-a-real-hash' : null,
  ]);
  return { id, role, banned };
}

async function roleOf(id: string): Promise<string | undefined> {
  const { rows } = await db.query<{ role: string }>('SELECT role FROM users WHERE id = $1', [id]);
  return rows[0]?.role;
}

async function countingAdmins(): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM users WHERE role = 'ADMIN' AND banned_at IS NULL ORDER BY id`);
  return rows.map((r) => r.id);
}

/**
 * Makes `ids` the only admins who count, for one test: every other admin of the shared
 * test database (other tests made them) is banned meanwhile, and unbanned afterwards.
 */
async function onlyAdmins(ids: string[], run: () => Promise<void>): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`UPDATE users SET banned_at = now() WHERE role = 'ADMIN' AND banned_at IS NULL AND NOT (id = ANY($1)) RETURNING id`, [ids]);
  try {
    await run();
  } finally {
    await db.query('UPDATE users SET banned_at = NULL WHERE id = ANY($1)', [rows.map((r) => r.id)]);
  }
}

test('an admin promotes a member to author; an author demoted to member keeps their posts', async () => {
  const admin = await user('ADMIN');
  const member = await user('MEMBER', { name: 'Mia Member' });
  const promoted = await users.changeUserRole(admin, member.id, 'AUTHOR');
  assert.deepEqual(promoted, { ok: true, user: { id: member.id, name: 'Mia Member', role: 'AUTHOR' }, previousRole: 'MEMBER', tags: [] });
  assert.equal(await roleOf(member.id), 'AUTHOR');

  const post = await createPost(db, member.id, { title: 'Written while an author' });
  assert.ok((await users.changeUserRole(admin, member.id, 'MEMBER')).ok);
  assert.equal(await roleOf(member.id), 'MEMBER');
  const { rows } = await db.query<{ author_id: string; status: string }>('SELECT author_id, status FROM posts WHERE id = $1', [post.id]);
  assert.deepEqual(rows[0], { author_id: member.id, status: 'PUBLISHED' });
});

test('editors, authors and a banned admin cannot change roles', async () => {
  const member = await user('MEMBER');
  for (const actor of [await user('EDITOR'), await user('AUTHOR'), await user('ADMIN', { banned: true })]) {
    assert.deepEqual(await users.changeUserRole(actor, member.id, 'ADMIN'), { ok: false, status: 403, reason: 'adminsChangeRoles' }, actor.role);
  }
  // An actor read as an admin earlier in the request, demoted since: the locked rows decide.
  const stale = await user('EDITOR');
  const refused = await users.changeUserRole({ ...stale, role: 'ADMIN' }, member.id, 'ADMIN');
  assert.equal(refused.ok, false);
  assert.equal(!refused.ok && refused.status, 403);
  assert.equal(await roleOf(member.id), 'MEMBER');
});

test('the last admin cannot demote themself; with a second admin they can', async () => {
  const admin = await user('ADMIN');
  await onlyAdmins([admin.id], async () => {
    for (const role of ['EDITOR', 'MEMBER'] as const) {
      assert.deepEqual(await users.changeUserRole(admin, admin.id, role), {
        ok: false,
        status: 409,
        reason: 'lastAdminSelf',
      });
    }
    assert.equal(await roleOf(admin.id), 'ADMIN');
    // Choosing the role they already have changes nothing and is no refusal.
    assert.equal((await users.changeUserRole(admin, admin.id, 'ADMIN')).ok, true);

    const second = await user('ADMIN');
    assert.ok((await users.changeUserRole(admin, admin.id, 'EDITOR')).ok);
    assert.equal(await roleOf(admin.id), 'EDITOR');
    assert.deepEqual(await countingAdmins(), [second.id]);
  });
});

test('a banned admin does not count: the only other admin still cannot step down', async () => {
  const admin = await user('ADMIN');
  const banned = await user('ADMIN', { banned: true });
  await onlyAdmins([admin.id], async () => {
    const refused = await users.changeUserRole(admin, admin.id, 'AUTHOR');
    assert.equal(!refused.ok && refused.status, 409);
    assert.equal(await roleOf(admin.id), 'ADMIN');
    // Demoting the banned admin takes nobody's rights away: allowed.
    assert.ok((await users.changeUserRole(admin, banned.id, 'MEMBER')).ok);
    assert.deepEqual(await countingAdmins(), [admin.id]);
  });
});

test('two admins demoting each other at the same moment: one succeeds, one admin is left, every time', async () => {
  for (let round = 0; round < 6; round += 1) {
    const a = await user('ADMIN');
    const b = await user('ADMIN');
    await onlyAdmins([a.id, b.id], async () => {
      // Both were admins when their request read them; the locked rows decide who still is.
      const results = await Promise.all([users.changeUserRole(a, b.id, 'EDITOR'), users.changeUserRole(b, a.id, 'EDITOR')]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      const refused = results.find((r) => !r.ok);
      assert.deepEqual(refused, { ok: false, status: 403, reason: 'noLongerAdmin' });
      const left = await countingAdmins();
      assert.equal(left.length, 1);
      assert.ok(left[0] === a.id || left[0] === b.id);
    });
  }
});

test('two admins stepping down at the same moment: one of them stays admin, every time', async () => {
  for (let round = 0; round < 6; round += 1) {
    const a = await user('ADMIN');
    const b = await user('ADMIN');
    await onlyAdmins([a.id, b.id], async () => {
      const results = await Promise.all([users.changeUserRole(a, a.id, 'MEMBER'), users.changeUserRole(b, b.id, 'MEMBER')]);
      assert.equal(results.filter((r) => r.ok).length, 1, JSON.stringify(results));
      assert.equal(results.find((r) => !r.ok && r.status === 409) !== undefined, true);
      assert.equal((await countingAdmins()).length, 1);
    });
  }
});

test('an unknown user id is refused clearly', async () => {
  const admin = await user('ADMIN');
  assert.deepEqual(await users.changeUserRole(admin, 'u000000000000000000000000', 'AUTHOR'), {
    ok: false,
    status: 404,
    reason: 'userGone',
  });
});

test('the role form accepts the five roles only, and a well-formed user id', () => {
  const userId = 'u0123456789abcdefghijklmn';
  for (const role of ['MEMBER', 'CONTRIBUTOR', 'AUTHOR', 'EDITOR', 'ADMIN']) assert.equal(roleChangeSchema.safeParse({ userId, role }).success, true, role);
  for (const role of ['OWNER', 'admin', '', undefined, ['ADMIN']]) {
    const parsed = roleChangeSchema.safeParse({ userId, role });
    assert.equal(parsed.success, false, JSON.stringify(role));
    assert.equal(parsed.error?.issues[0]?.message, 'Choose one of the roles: member, contributor, author, editor or admin.');
  }
  assert.equal(roleChangeSchema.safeParse({ userId: "x' OR 1=1 --", role: 'ADMIN' }).error?.issues[0]?.message, 'Unknown user.');
});

test('the list: admins only, filtered by role and by name or email, with posts and comments counted', async () => {
  const admin = await user('ADMIN');
  const tag = randomUUID().slice(0, 8);
  const writer = await user('AUTHOR', { name: `Wendy ${tag}` });
  await user('MEMBER', { name: `Max ${tag}` });
  await createPost(db, writer.id);
  const second = await createPost(db, writer.id);
  await db.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [second.id]);
  await db.query(`INSERT INTO comments (id, post_id, author_id, body, body_html, status) VALUES ($1, $2, $3, 'Hi', '<p>Hi</p>', 'VISIBLE')`, [
    `c${randomUUID().replaceAll('-', '').slice(0, 24)}`,
    second.id,
    writer.id,
  ]);

  const all = await users.listUsers(admin, userListQuerySchema.parse({ q: tag.toUpperCase() }));
  assert.deepEqual(all.rows.map((r) => r.name).sort(), [`Max ${tag}`, `Wendy ${tag}`]);
  const authors = await users.listUsers(admin, userListQuerySchema.parse({ q: tag, role: 'AUTHOR' }));
  assert.deepEqual(
    authors.rows.map((r) => ({ id: r.id, role: r.role, posts: r.posts, comments: r.comments, banned: r.banned })),
    [{ id: writer.id, role: 'AUTHOR', posts: 1, comments: 1, banned: false }],
  );
  assert.equal((await users.listUsers(admin, userListQuerySchema.parse({ q: writer.id }))).total, 1, 'email search');
  assert.equal((await users.listUsers(await user('EDITOR'), userListQuerySchema.parse({ q: tag }))).rows.length, 0);
  // `_`, `%` and `\` are searched as themselves, not as LIKE wildcards.
  await user('MEMBER', { name: `Under_score ${tag}` });
  await user('MEMBER', { name: `Under-score ${tag}` });
  await user('MEMBER', { name: `Back\\slash%${tag}` });
  const named = async (q: string) => (await users.listUsers(admin, userListQuerySchema.parse({ q }))).rows.map((r) => r.name);
  assert.deepEqual(await named(`r_score ${tag}`), [`Under_score ${tag}`]);
  assert.deepEqual(await named(`k\\slash%${tag}`), [`Back\\slash%${tag}`]);
  assert.deepEqual(await named(`k%${tag}`), []);
  assert.deepEqual(userListQuerySchema.parse({ role: 'OWNER', page: '-3', q: ['a\u0000b', 'c'] }), { q: 'a b', role: undefined, page: 1 });
});

test('an admin who cannot sign in (no password, no provider: the seed’s author) does not keep the site administrable', async () => {
  const admin = await user('ADMIN');
  const seedLike = await user('ADMIN', { canSignIn: false, name: 'Seed Author' });
  await onlyAdmins([admin.id, seedLike.id], async () => {
    const refused = await users.changeUserRole(admin, admin.id, 'EDITOR');
    assert.equal(refused.ok ? null : refused.status, 409);
    assert.equal(await roleOf(admin.id), 'ADMIN');
    // The one who cannot sign in may be demoted: an admin who can remains.
    assert.ok((await users.changeUserRole(admin, seedLike.id, 'AUTHOR')).ok);
    assert.equal(await roleOf(seedLike.id), 'AUTHOR');
  });
});
