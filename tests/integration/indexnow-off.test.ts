import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { createPost, pool } from './helpers/fixtures';
import { queuedJobs } from './helpers/jobs';

// Without INDEXNOW_KEY (the default) IndexNow is off: no post write queues a ping, and
// there is no key file. A file of its own, as lib/env.ts reads the environment once.

const SITE = 'http://localhost:3000';

let sql: pg.Pool;
let posts: typeof import('../../lib/dal/admin-posts');
let keyRoute: typeof import('../../app/indexnow-key/[key]/route');
let prisma: (typeof import('../../lib/db'))['db'];

before(async () => {
  delete process.env.INDEXNOW_KEY;
  posts = await import('../../lib/dal/admin-posts');
  keyRoute = await import('../../app/indexnow-key/[key]/route');
  prisma = (await import('../../lib/db')).db;
  sql = pool();
});

after(async () => {
  await prisma.$disconnect();
  await sql.end();
});

test('without INDEXNOW_KEY, publishing, unpublishing and trashing queue nothing, and no key file is served', async () => {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Ada', 'ADMIN', now())`, [id, `${id}@example.test`]);
  const admin: Actor = { id, role: 'ADMIN', banned: false };
  const post = await createPost(sql, admin.id, { status: 'DRAFT', publishedAt: null });
  assert.ok((await posts.publishPost(admin, post.id)).ok);
  assert.ok((await posts.unpublishPost(admin, post.id)).ok);
  assert.ok((await posts.publishPost(admin, post.id)).ok);
  assert.ok((await posts.trashPost(admin, post.id)).ok);
  assert.equal((await sql.query('SELECT status FROM posts WHERE id = $1', [post.id])).rows[0]?.status, 'PUBLISHED', 'the writes happened');
  assert.deepEqual((await queuedJobs(sql, 'indexnow')).filter((j) => j.key === `indexnow:${post.id}`), []);

  const key = 'quire-test-key-0123456789';
  const response = await keyRoute.GET(new Request(`${SITE}/indexnow-key/${key}`), { params: Promise.resolve({ key }) });
  assert.equal(response.status, 404);
});
