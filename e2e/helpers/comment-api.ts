import type { Browser } from '@playwright/test';
import { senderContext, uniqueAddress } from './replay';
import type { TestUser } from './users';

// Comments sent through POST /api/comments from outside a test's page (a context of their
// own, each from a fresh address), in bulk when need be: the mail and XSS specs.

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
