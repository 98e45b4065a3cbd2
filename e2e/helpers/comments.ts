import { randomBytes } from 'node:crypto';
import type { Browser } from '@playwright/test';
import { senderContext, uniqueAddress } from './replay';
import { db, type TestUser } from './users';

// Comments for e2e tests: posted through the app (POST /api/comments, the real write
// path: validation, limits, markdown sanitized on write, cache invalidation), or written
// straight into the database as fixtures for tests that only read the row back.

export type CommentStatus = 'VISIBLE' | 'HELD' | 'HIDDEN' | 'DELETED';

/** A fixture comment written directly (not rendered through the app; do not display it). */
export async function insertComment({
  postId,
  authorId,
  status = 'VISIBLE',
  body = `fixture ${randomBytes(4).toString('hex')}`,
  createdAt = new Date(),
}: {
  postId: string;
  authorId: string;
  status?: CommentStatus;
  body?: string;
  createdAt?: Date;
}): Promise<string> {
  // The shape of a cuid, which the actions' id schema (/^[a-z0-9]{20,40}$/) accepts.
  const id = `c${randomBytes(16).toString('hex').slice(0, 24)}`;
  const client = await db().connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO comments (id, post_id, author_id, body, body_html, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, postId, authorId, body, `<p>${body}</p>`, status, createdAt],
    );
    // posts.comment_count counts visible comments; keep it exact as the app does.
    if (status === 'VISIBLE') await client.query('UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1', [postId]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
  return id;
}

/** Posts a comment as `author` through POST /api/comments, from an address of its own; throws unless it is stored (201). */
export async function postComment(
  browser: Browser,
  baseURL: string,
  { author, postId, body, parentId }: { author: TestUser; postId: string; body: string; parentId?: string },
): Promise<{ id: string; held: boolean }> {
  const context = await senderContext(browser, baseURL, author);
  try {
    const res = await context.request.post('/api/comments', {
      data: { postId, body, ...(parentId ? { parentId } : {}) },
      headers: { origin: new URL(baseURL).origin, 'x-forwarded-for': uniqueAddress() },
      failOnStatusCode: false,
    });
    const text = await res.text();
    if (res.status() !== 201) throw new Error(`POST /api/comments as ${author.name}: ${res.status()} ${text}`);
    return JSON.parse(text) as { id: string; held: boolean };
  } finally {
    await context.close();
  }
}

/** Runs `fn` over `items` with at most `limit` running at once, results in order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
