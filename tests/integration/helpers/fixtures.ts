import { randomUUID } from 'node:crypto';
import pg from 'pg';

// Rows the integration tests need, written with plain SQL against the test database
// (DATABASE_URL, freshly migrated by scripts/test.mjs).

export function pool(): pg.Pool {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: run integration tests through `npm run test:integration`');
  return new pg.Pool({ connectionString: url, max: 4 });
}

export async function createAuthor(db: pg.Pool): Promise<string> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db.query(`INSERT INTO users (id, email, name, role, updated_at) VALUES ($1, $2, 'Test Author', 'AUTHOR', now())`, [id, `${id}@example.test`]);
  return id;
}

export async function createPost(
  db: pg.Pool,
  authorId: string,
  fields: {
    title?: string;
    body?: string;
    status?: 'PUBLISHED' | 'DRAFT' | 'SCHEDULED';
    publishedAt?: Date | null;
    slug?: string;
    coverImage?: string;
    updatedAt?: Date;
    deletedAt?: Date;
  } = {},
): Promise<{ id: string; slug: string }> {
  const id = `p${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const slug = fields.slug ?? `post-${id}`;
  await db.query(
    `INSERT INTO posts (id, slug, title, body, status, published_at, author_id, cover_image, deleted_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, coalesce($10, now()))`,
    [
      id,
      slug,
      fields.title ?? 'A post',
      fields.body ?? 'Some body text.',
      fields.status ?? 'PUBLISHED',
      fields.publishedAt === undefined ? new Date('2024-01-01T00:00:00Z') : fields.publishedAt,
      authorId,
      fields.coverImage ?? null,
      fields.deletedAt ?? null,
      fields.updatedAt ?? null,
    ],
  );
  return { id, slug };
}

/**
 * The test's own pool, and a `close` that also ends what the app's modules opened: the Prisma
 * client (lib/db.ts, imported here, so after the test has set its environment) and the rate
 * limiter's pool, when one was opened.
 */
export async function openDatabase(): Promise<{ sql: pg.Pool; close(): Promise<void> }> {
  const { db } = await import('../../../lib/db');
  const sql = pool();
  async function close() {
    await db.$disconnect();
    await sql.end();
    await (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end();
  }
  return { sql, close };
}
