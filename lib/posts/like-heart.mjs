// @ts-check
// The heart under a post for a signed-in reader: its one definition, shared by the page
// Next renders (components/post/post-like.tsx) and by the production server filling one
// reader's state into the signed-in page's shared shell (server/reader-pages.mjs, which
// reads these templates from the shell: lib/comments/reader-shell.ts). The templates are
// HTML rendered and escaped once (lib/posts/like-templates.ts) with a stand-in for the
// count; only a formatted number goes in, so nothing here needs escaping.

import { countedText } from './counted.mjs';

/** The shell's heart sits between these marks (lib/comments/reader-splice.mjs). */
export const LIKE_SLOT = ['<!--like-->', '<!--/like-->'];

/**
 * @typedef {string[]} Template a piece of HTML split around COUNT
 * @typedef {{ one: Template, other: Template }} Counted "1 like" and "N likes"
 * @typedef {{ locale: string, notLiked: Counted, liked: Counted }} HeartTemplates
 */

/** @param {HeartTemplates} t @param {boolean} liked @param {number} count @returns {string} */
export function heartHtml(t, liked, count) {
  return countedText(t.locale, liked ? t.liked : t.notLiked, count);
}
