// @ts-check
// "1 like", "1,234 views": a count put into its singular or plural template in the site's
// locale. The one definition shared by the production server's per-reader fills of the
// signed-in shell: the post's heart (./like-heart.mjs) and its counters (./counters.mjs).
// Only a formatted number goes in, so nothing here needs escaping.

import { COUNT } from '../comments/controls.mjs';

/** @typedef {{ one: string | string[], other: string[] }} Counted the singular, and the plural split around COUNT */

// Making a NumberFormat costs more than the text itself (the server fills several per
// signed-in page view): one per locale, and a site has one or two.
/** @type {Map<string, Intl.NumberFormat>} */
const formats = new Map();

/** @param {string} locale @param {Counted} counted @param {number} count @returns {string} */
export function countedText(locale, counted, count) {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.NumberFormat(locale)));
  const n = format.format(count);
  const template = n === '1' ? counted.one : counted.other;
  return typeof template === 'string' ? template : template.map((part) => (part === COUNT ? n : part)).join('');
}
