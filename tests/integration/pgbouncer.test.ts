import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { startPgBouncer } from '../../scripts/lib/pgbouncer.mjs';
import { createViewStore } from '../../lib/views/store.mjs';
import { createAuthor, createPost } from './helpers/fixtures';

// Quire's database clients through PgBouncer in transaction mode (deploy/pgbouncer.ini, as
// several instances use it): a client's next statement may run on another server
// connection, so a statement prepared under a name on one is unknown on the next. Each
// check below forces that switch: a "blocker" transaction holds the server connection the
// client used last, so PgBouncer must hand it another one.

const direct = process.env.DATABASE_URL ?? '';
let bouncer: Awaited<ReturnType<typeof startPgBouncer>>;
let blockerPool: pg.Pool;
let directPool: pg.Pool;
type RateLimit = typeof import('../../lib/rate-limit');
let consume: RateLimit['consume'];

before(async () => {
  bouncer = await startPgBouncer({ databaseUrl: direct });
  // The app's modules read DATABASE_URL once, on first use: point them at PgBouncer.
  process.env.DATABASE_URL = bouncer.url;
  delete process.env.RATE_LIMIT_MULTIPLIER;
  ({ consume } = await import('../../lib/rate-limit'));
  blockerPool = new pg.Pool({ connectionString: bouncer.url, max: 4 });
  directPool = new pg.Pool({ connectionString: direct, max: 2 });
});

after(async () => {
  await (globalThis as { quireRatePool?: pg.Pool }).quireRatePool?.end();
  await blockerPool.end();
  await directPool.end();
  await bouncer.stop();
});

/** Runs `fn` while another client holds a server connection in an open transaction. */
async function whileBlocked<T>(fn: () => Promise<T>): Promise<T> {
  const blocker = await blockerPool.connect();
  try {
    await blocker.query('BEGIN');
    await blocker.query('SELECT 1');
    return await fn();
  } finally {
    await blocker.query('COMMIT');
    blocker.release();
  }
}

test('the trap is real: a named prepared statement fails once PgBouncer switches server connections', async () => {
  const client = new pg.Client({ connectionString: bouncer.url });
  await client.connect();
  try {
    const named = { name: 'quire-probe', text: 'SELECT $1::int AS n', values: [1] };
    await client.query(named);
    // PgBouncer has one server connection so far, the one that knows "quire-probe"; the
    // blocker takes it, so the client's next statement runs on a new one.
    const refused = await whileBlocked(() =>
      client.query(named).then(
        () => 'ran',
        (error: Error) => error.message,
      ),
    );
    assert.match(refused, /prepared statement "quire-probe" does not exist/);
  } finally {
    await client.end();
  }
});

test('rate limits count through PgBouncer, whichever server connection each call lands on', async () => {
  // An address no other test uses (documentation IPv6 range; the IPv4 test ranges are taken).
  const ip = `2001:db8:b0:0:0:0:0:${(Date.now() % 0xffff).toString(16)}`;
  for (let i = 0; i < 12; i += 1) {
    const result = i % 2 === 0 ? await whileBlocked(() => consume(['commentIpHour', ip])) : await consume(['commentIpHour', ip]);
    assert.deepEqual(result, { ok: true }, `call ${i + 1}`);
  }
  const { rows } = await directPool.query<{ points: number }>('SELECT points FROM rate_limits WHERE key = $1', [`commentIpHour:${ip}`]);
  assert.equal(rows[0]?.points, 12);
});

test('views are stored through PgBouncer while server connections switch', async () => {
  const authorId = await createAuthor(directPool);
  const post = await createPost(directPool, authorId);
  const viewsPool = new pg.Pool({ connectionString: bouncer.url, max: 4 });
  try {
    const store = createViewStore(viewsPool);
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? whileBlocked(() => store.recordView(post.id, `203.0.113.${i}`, ua)) : store.recordView(post.id, `203.0.113.${i}`, ua))));
    const { rows } = await directPool.query<{ view_count: number }>('SELECT view_count FROM posts WHERE id = $1', [post.id]);
    assert.equal(rows[0]?.view_count, 40);
  } finally {
    await viewsPool.end();
  }
});

test('Prisma (adapter-pg) reads and writes in transactions through PgBouncer', async () => {
  const { db } = await import('../../lib/db');
  const authorId = await createAuthor(directPool);
  for (let i = 0; i < 6; i += 1) {
    const run = () =>
      db.$transaction(async (tx) => {
        const user = await tx.user.findUniqueOrThrow({ where: { id: authorId }, select: { name: true } });
        return tx.user.update({ where: { id: authorId }, data: { name: `${(user.name ?? '').split(' #')[0]} #${i}` }, select: { name: true } });
      });
    const updated = i % 2 === 0 ? await whileBlocked(run) : await run();
    assert.equal(updated.name, `Test Author #${i}`);
  }
  await db.$disconnect();
});
