import 'server-only';
import { cacheLife, cacheTag } from 'next/cache';
import { TAGS } from '@/lib/cache-tags';
import { getCommentPage, type CommentSort, type ThreadComment } from '@/lib/dal/comments';
import { getDictionary, type Locale } from '@/lib/i18n';
import { threadHtml, type CommentMeta } from './thread-html';

// One page of a post's threads as the HTML every reader shares (lib/comments/thread-html.ts),
// cached per post, sort, page and language under the post's comments tag: a signed-in
// request fills in its reader's controls and renders only the threads that carry the
// reader's own comments, or a form they opened, as React.

export type CachedThread = { id: string; html: string };

export type ThreadPage = {
  threads: CachedThread[];
  /** Per comment on the page: who wrote it, its likes and state, for the reader's controls. */
  meta: Record<string, CommentMeta>;
  /** Thread id per comment id. */
  threadOf: Record<string, string>;
  page: number;
  pageCount: number;
  threadCount: number;
};

export async function getThreadPage(postId: string, sort: CommentSort, page: number, perPage: number, locale: Locale): Promise<ThreadPage> {
  'use cache';
  cacheTag(TAGS.comments(postId));
  cacheLife('content');
  const data = await getCommentPage(postId, sort, page, perPage);
  const strings = getDictionary(locale).commentUi;
  const meta: Record<string, CommentMeta> = {};
  const threadOf: Record<string, string> = {};
  const visit = (c: ThreadComment, root: string) => {
    meta[c.id] = { authorId: c.authorId, likeCount: c.likeCount, state: c.state };
    threadOf[c.id] = root;
    for (const r of c.replies) visit(r, root);
  };
  for (const t of data.threads) visit(t, t.id);
  return {
    threads: data.threads.map((t) => ({ id: t.id, html: threadHtml(t, strings, locale) })),
    meta,
    threadOf,
    page: data.page,
    pageCount: data.pageCount,
    threadCount: data.threadCount,
  };
}
