// @ts-check
import { toHtml } from 'hast-util-to-html';

/**
 * The reader's display name as HTML ("Signed in as <strong>…</strong>"), escaped by hast: the
 * rendered page (components/comments/comment-section.tsx) and the server's fill of the shared
 * shell (server/reader-pages.mjs) write it the same way.
 * @param {string} name
 */
export function readerNameHtml(name) {
  return toHtml({ type: 'text', value: name });
}
