import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { db } from './users';

// Posts written straight into the test database, in the state a test needs (a draft, a
// published post, one in the trash, one with a revision), and read back from it.

export type PostStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';
export type TestPost = { id: string; slug: string; title: string; body: string; version: number; authorId: string };

/**
 * A post no other test touches. Published and scheduled posts get a date (in the past, unless scheduled).
 * `pool`: another database than the run's (a cluster's own, e2e/helpers/cluster.ts).
 */
export async function insertPost({
  authorId,
  status = 'DRAFT',
  trashed = false,
  title,
  body = 'A body written for a test.',
  pool = db(),
}: {
  authorId: string;
  status?: PostStatus;
  trashed?: boolean;
  title?: string;
  body?: string;
  pool?: pg.Pool;
}): Promise<TestPost> {
  const id = `p${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  const slug = `test-post-${id}`;
  const name = title ?? `Test post ${id.slice(-6)}`;
  const publishedAt = status === 'DRAFT' ? null : new Date(Date.now() + (status === 'SCHEDULED' ? 86_400_000 : -3_600_000));
  await pool.query(
    `INSERT INTO posts (id, slug, title, body, status, published_at, deleted_at, author_id, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())`,
    [id, slug, name, body, status, publishedAt, trashed ? new Date() : null, authorId],
  );
  return { id, slug, title: name, body, version: 1, authorId };
}

/** A revision of `post` with its own title and body (what "Restore this revision" puts back). */
export async function insertRevision(post: TestPost, fields: { title: string; body: string }): Promise<string> {
  const id = `r${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await db().query('INSERT INTO post_revisions (id, post_id, author_id, title, body) VALUES ($1, $2, $3, $4, $5)', [id, post.id, post.authorId, fields.title, fields.body]);
  return id;
}

export type PostRow = { title: string; body: string; slug: string; status: PostStatus; publishedAt: Date | null; trashed: boolean; version: number };

export async function postRow(id: string, pool: pg.Pool = db()): Promise<PostRow | undefined> {
  const { rows } = await pool.query<PostRow>(
    `SELECT title, body, slug, status, published_at AS "publishedAt", deleted_at IS NOT NULL AS trashed, version FROM posts WHERE id = $1`,
    [id],
  );
  return rows[0];
}
