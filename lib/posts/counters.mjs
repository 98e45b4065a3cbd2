// @ts-check
// A post's counters as text ("1,234 views", "2 comments", "5 likes"): under the post and on
// its cards. Their one definition for the production server, which puts each signed-in
// reader's current counts into the signed-in page's shared shell
// (lib/comments/reader-splice.mjs, server/reader-pages.mjs), so the shell can serve for
// minutes without its counts falling behind. The page marks each count with
// `data-count="<kind>:<post id>"` (components/post/count.tsx) and lets hydration keep the
// server's text (suppressHydrationWarning, one level deep: the count's own text). The
// templates are text escaped once for HTML (lib/posts/counter-templates.ts) with a
// stand-in for the number; only a formatted number goes in, so nothing here needs escaping.

import { countedText } from './counted.mjs';

/** @typedef {'views' | 'comments' | 'likes'} CounterKind */
/** @typedef {{ one: string, other: string[] }} CountedText "1 view", and "N views" split around COUNT */
/** @typedef {{ locale: string } & Record<CounterKind, CountedText>} CounterTemplates */
/** @typedef {{ views: number, comments: number, likes: number }} PostCounts */

export const COUNTER_KINDS = /** @type {const} */ (['views', 'comments', 'likes']);

/** The attribute that marks a count's element: `data-count="views:<post id>"`. @param {CounterKind} kind @param {string} postId */
export const counterKey = (kind, postId) => `${kind}:${postId}`;

/** @param {CounterTemplates} t @param {CounterKind} kind @param {number} count @returns {string} */
export function counterText(t, kind, count) {
  return countedText(t.locale, t[kind], count);
}

/**
 * The text of every count in `keys` (`<kind>:<post id>`) whose post is in `counts`.
 * @param {CounterTemplates} t @param {Iterable<string>} keys @param {Map<string, PostCounts>} counts
 * @returns {Record<string, string>}
 */
export function counterTexts(t, keys, counts) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const key of keys) {
    const at = key.indexOf(':');
    const kind = /** @type {CounterKind} */ (key.slice(0, at));
    const post = counts.get(key.slice(at + 1));
    if (post && COUNTER_KINDS.includes(kind)) out[key] = counterText(t, kind, post[kind]);
  }
  return out;
}
