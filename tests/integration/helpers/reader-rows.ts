import { randomUUID } from 'node:crypto';
import type pg from 'pg';

// A reader's rows as the app writes them, for the tests of a reader's own data (the download
// and account deletion): an account holding everything an account can (a password hash, a
// GitHub account with its tokens, a proven address), and comments counted as the app counts them.

const newId = (prefix: string) => `${prefix}${randomUUID().replaceAll('-', '').slice(0, 24)}`;

export async function createMember(db: pg.Pool, fields: { role?: string; banned?: boolean; email?: string } = {}): Promise<{ id: string; email: string }> {
  const id = newId('m');
  const email = fields.email ?? `${id}@example.test`;
  await db.query(
    `INSERT INTO users (id, email, name, role, banned_at, password_hash, email_verified, updated_at) VALUES ($1, $2, $3, $4, $5, 'secret-hash-value', now(), now())`,
    [id, email, `Member ${id.slice(-4)}`, fields.role ?? 'MEMBER', fields.banned ? new Date() : null],
  );
  await db.query(`INSERT INTO accounts (id, user_id, type, provider, provider_account_id, access_token, refresh_token) VALUES ($1, $2, 'oauth', 'github', $3, 'gho_secret_token', 'ghr_secret_token')`, [
    newId('a'),
    id,
    newId('gh'),
  ]);
  return { id, email };
}

/** A comment, counted in posts.comment_count when visible (as lib/dal/comment-writes.ts does). */
export async function createComment(
  db: pg.Pool,
  postId: string,
  userId: string,
  body: string,
  opts: { parentId?: string; rootId?: string; status?: string } = {},
): Promise<string> {
  const id = newId('c');
  const status = opts.status ?? 'VISIBLE';
  await db.query(
    `INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
    [id, postId, userId, opts.parentId ?? null, opts.rootId ?? opts.parentId ?? null, opts.parentId ? 1 : 0, body, `<p>${body}</p>`, status],
  );
  if (status === 'VISIBLE') await db.query('UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1', [postId]);
  return id;
}
