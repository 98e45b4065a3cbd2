import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PrismaPg } from '@prisma/adapter-pg';
import { emptyDatabaseClient } from '../../lib/build-database';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { createStartGate, EXPIRE_BUILD_PATH } from '../../server/expire-build.mjs';

// Build once, run anywhere: what `next build` gets instead of a database, and the
// production server's gate that holds requests until the build's pages are expired.
// (The whole path, build without a database to server with one, is e2e/build-once.spec.ts.)

// A server nobody listens on: any query that reached it would fail the test.
const unreachable = () => new PrismaClient({ adapter: new PrismaPg({ connectionString: 'postgresql://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 }) });

test('during the build, reads answer as an empty database would, without connecting', async () => {
  const db = emptyDatabaseClient(unreachable());
  assert.deepEqual(await db.post.findMany({ select: { slug: true } }), []);
  assert.equal(await db.post.findUnique({ where: { slug: 'welcome' } }), null);
  assert.equal(await db.post.findFirst({ where: { status: 'PUBLISHED' } }), null);
  assert.equal(await db.comment.count(), 0);
  assert.deepEqual(await db.comment.count({ select: { _all: true, body: true } }), { _all: 0, body: 0 });
  assert.deepEqual(await db.$queryRaw`SELECT 1`, []);
});

test('during the build, writes are refused with a message that says why', async () => {
  const db = emptyDatabaseClient(unreachable());
  await assert.rejects(db.setting.upsert({ where: { key: 'k' }, create: { key: 'k', value: 1 }, update: { value: 1 } }), /setting\.upsert: there is no database during next build/i);
  await assert.rejects(db.$executeRaw`DELETE FROM posts`, /\$executeRaw: there is no database during next build/);
});

test('the start gate holds requests until it opens, in order, but lets the expiry through', () => {
  const handled: string[] = [];
  const gate = createStartGate((url: string) => handled.push(url));
  gate.pass('/', '/');
  gate.pass('/post/a', '/post/a');
  gate.pass(EXPIRE_BUILD_PATH, EXPIRE_BUILD_PATH);
  assert.deepEqual(handled, [EXPIRE_BUILD_PATH]);
  gate.open();
  assert.deepEqual(handled, [EXPIRE_BUILD_PATH, '/', '/post/a']);
  gate.pass('/blog', '/blog');
  assert.deepEqual(handled, [EXPIRE_BUILD_PATH, '/', '/post/a', '/blog']);
});
