// @ts-check
// A signed-in reader's post page from the shared shell's bytes, independent of any
// framework (server/reader-pages.mjs serves it). The shell
// (app/(site)/post/[slug]/comments with the shell cookie) is the signed-in page rendered for no one: an
// empty name in `<strong data-reader-name="">` and each comment's controls row between
// `<!--a:<id>-->` and `<!--/a-->`. Both sit inside HTML React took as a string
// (dangerouslySetInnerHTML), which hydration leaves as the server sent it, so putting one
// reader's name and rows in needs no render. The rows come escaped from
// lib/comments/reader-layer.ts; rows not given keep the shell's (the reader's controls on a
// comment they did not write, like or report are everyone's).

/** On the shell's comments section only (components/comments/comment-section.tsx). */
export const SHELL_MARK = 'data-reader-shell=""';
const NAME = '<strong data-reader-name=""></strong>';
const ROW = /<!--a:([a-z0-9]+)-->([\s\S]*?)<!--\/a-->/g;

/** @typedef {{ nameHtml: string, rows: Record<string, string> }} ReaderParts */

/**
 * The shell with the reader's parts in, or null when `shell` is not the shell (no shell
 * mark: the caller serves the page another way).
 * @param {string} shell @param {ReaderParts} parts
 */
export function spliceReaderPage(shell, { nameHtml, rows }) {
  if (!shell.includes(SHELL_MARK)) return null;
  // No name slot when comments are closed (no comment form).
  const at = shell.indexOf(NAME);
  const named = at < 0 ? shell : `${shell.slice(0, at)}<strong data-reader-name="">${nameHtml}</strong>${shell.slice(at + NAME.length)}`;
  return named.replace(ROW, (_, /** @type {string} */ id, /** @type {string} */ row) => (Object.hasOwn(rows, id) ? /** @type {string} */ (rows[id]) : row));
}
