// @ts-check
// One comment's row of controls (like, reply, edit, delete, report) from pieces of HTML
// rendered once with stand-ins for the id and the count: the one definition of who gets which
// control, shared by the thread HTML of a rendered page (lib/comments/thread-html.ts, which
// renders the pieces with hast in the site's language) and by the production server filling
// a signed-in reader's rows into the shared shell (server/reader-pages.mjs, which reads the
// same pieces from the shell). Ids are [a-z0-9] and counts numbers: nothing here needs escaping.

export const ID = '\u0001id\u0001';
export const COUNT = '\u0001n\u0001';

/** @typedef {string[]} Template a piece of HTML split around ID and COUNT */
/**
 * @typedef {{ likeButton: [Template, Template], likeCount: Template, reply: Template, report: Template, reported: string, edit: Template, remove: Template }} RowTemplates
 * @typedef {{ authorId: string | null, likeCount: number, state: 'VISIBLE' | 'HELD' | 'REMOVED' }} RowComment
 * @typedef {{
 *   viewerId: string, canWrite: boolean, open: boolean,
 *   liked: Set<string>, reported: Set<string>, editable: Set<string>,
 *   replyTo: string | null, reportOn: string | null, editOn: string | null,
 *   refused?: (kind: 'like' | 'delete', id: string) => string,
 * }} RowReader
 */

/** @param {string} html @returns {Template} */
export function splitTemplate(html) {
  return html.split(new RegExp(`(${ID}|${COUNT})`));
}

/** @param {Template} t @param {string} id @param {number} count */
export function fill(t, id, count) {
  return t.map((part) => (part === ID ? id : part === COUNT ? String(count) : part)).join('');
}

/**
 * One comment's controls for `reader` (null: no session), '' when there are none.
 * @param {string} id @param {RowComment} c @param {RowReader | null} reader @param {RowTemplates} t
 */
export function controlsRow(id, c, reader, t, { wrap = true } = {}) {
  if (c.state === 'REMOVED') return '';
  let out = '';
  if (!reader) {
    if (c.likeCount > 0) out = fill(t.likeCount, id, c.likeCount);
  } else {
    const refused = reader.refused ?? (() => '');
    const own = c.authorId === reader.viewerId;
    const canAdd = reader.canWrite && reader.open;
    if (canAdd && c.state === 'VISIBLE') out += fill(t.likeButton[reader.liked.has(id) ? 1 : 0], id, c.likeCount) + refused('like', id);
    else if (c.likeCount > 0) out += fill(t.likeCount, id, c.likeCount);
    if (canAdd && c.state === 'VISIBLE' && reader.replyTo !== id) out += fill(t.reply, id, 0);
    if (own && canAdd && reader.editable.has(id) && reader.editOn !== id) out += fill(t.edit, id, 0);
    // Deleting one's own comment stays possible while comments are off.
    if (own && reader.canWrite) out += fill(t.remove, id, 0) + refused('delete', id);
    if (reader.canWrite && !own && reader.reportOn !== id) out += reader.reported.has(id) ? t.reported : fill(t.report, id, 0);
  }
  if (!out) return '';
  return wrap ? `<div class="c-actions">${out}</div>` : out;
}
