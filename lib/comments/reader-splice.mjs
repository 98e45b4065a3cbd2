// @ts-check
// A signed-in reader's post page from the shared shell's bytes, independent of any
// framework (server/reader-pages.mjs serves it). The shell
// (app/(site)/post/[slug]/comments with the shell cookie) is the signed-in page rendered for
// no one: an empty name in `<strong data-reader-name="">`, each comment's controls row
// between `<!--a:<id>-->` and `<!--/a-->`, the post's heart between `<!--like-->` and
// `<!--/like-->` (lib/posts/like-heart.mjs), and the templates of the rows and of the heart
// in the comments section's `data-reader-shell` attribute. All sit inside HTML React took
// as a string (dangerouslySetInnerHTML), which hydration leaves as the server sent it, so
// putting one reader's name, heart and rows in needs no render. The shell is prepared once:
// its delimiters taken out, into one buffer (the page of a reader with nothing of their
// own), with the byte range of each slot (`prepareShell`). A reader's page is that buffer
// with their name, heart and rows in place of the slots they change (`readerPageChunks`):
// views of the one buffer between a few small new pieces, so a 500 kB page costs no copy
// and no allocation of its size per request. Rows not given keep the
// shell's (the controls on a comment the reader did not write, like or report are
// everyone's), and so does a heart not given. The posts' counts (the post's views and
// comments, its cards' views, comments and likes: `<span data-count="views:<post id>">`,
// components/post/count.tsx) are slots too: the reader's page carries the counts of the
// moment (lib/posts/counters.mjs), however old the shell.

const SLOTS =
  /<strong data-reader-name=""><\/strong>|<!--a:([a-z0-9]+)-->([\s\S]*?)<!--\/a-->|<!--like-->([\s\S]*?)<!--\/like-->|(<span data-count="((?:views|comments|likes):[a-z0-9]+)"[^>]*>)([^<]*)<\/span>/g;
/** On the shell's comments section only, its data in base64 (lib/comments/reader-shell.ts). */
const DATA = /data-reader-shell="([A-Za-z0-9+/=]+)"/;

/** counts: each count's text by its `<kind>:<post id>`. @typedef {{ nameHtml: string, rows: Record<string, string>, likeHtml?: string, counts?: Record<string, string> }} ReaderParts */
/** @typedef {{ open: boolean, editWindowMs: number, templates: import('./controls.mjs').RowTemplates, heart?: import('../posts/like-heart.mjs').HeartTemplates, counters?: import('../posts/counters.mjs').CounterTemplates }} ShellData */
/** A slot's byte range in the prepared page (the shell's own content, empty for the name). @typedef {{ start: number, end: number } & ({ name: true } | { row: string } | { like: true } | { count: string })} Slot */
/** countKeys: the `<kind>:<post id>` of every count on the page; postIds: their posts. @typedef {{ page: Buffer, slots: Slot[], data: ShellData, bytes: number, countKeys: string[], postIds: string[] }} PreparedShell */

const NAME_OPEN = '<strong data-reader-name="">';
const NAME_CLOSE = '</strong>';

/**
 * The shell without its delimiters and the byte ranges of its slots, with its data for the
 * rows (lib/comments/reader-shell.ts), or null when `shell` is not the shell (no mark or no
 * data: the caller serves the page another way).
 * @param {string} shell @returns {PreparedShell | null}
 */
export function prepareShell(shell) {
  const encoded = DATA.exec(shell)?.[1];
  if (!encoded) return null;
  /** @type {ShellData} */
  let data;
  try {
    data = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
  } catch {
    return null;
  }
  /** @type {string[]} */
  const parts = [];
  /** @type {Slot[]} */
  const slots = [];
  let at = 0;
  let bytes = 0;
  const append = (/** @type {string} */ text) => {
    parts.push(text);
    bytes += Buffer.byteLength(text, 'utf8');
  };
  for (const match of shell.matchAll(SLOTS)) {
    append(shell.slice(at, match.index));
    if (match[1] !== undefined) {
      const start = bytes;
      append(match[2] ?? '');
      slots.push({ row: match[1], start, end: bytes });
    } else if (match[3] !== undefined) {
      const start = bytes;
      append(match[3]);
      slots.push({ like: true, start, end: bytes });
    } else if (match[5] !== undefined) {
      append(match[4] ?? '');
      const start = bytes;
      append(match[6] ?? '');
      slots.push({ count: match[5], start, end: bytes });
      append('</span>');
    } else {
      append(NAME_OPEN);
      slots.push({ name: true, start: bytes, end: bytes });
      append(NAME_CLOSE);
    }
    at = match.index + match[0].length;
  }
  append(shell.slice(at));
  const page = Buffer.from(parts.join(''), 'utf8');
  const countKeys = [...new Set(slots.flatMap((slot) => ('count' in slot ? [slot.count] : [])))];
  const postIds = [...new Set(countKeys.map((key) => key.slice(key.indexOf(':') + 1)))];
  return { page, slots, data, bytes: page.length, countKeys, postIds };
}

/**
 * The reader's page as chunks to write in order: views of the prepared page between the
 * reader's own name, heart, rows and counts. Never changes the prepared page.
 * @param {PreparedShell} shell @param {ReaderParts} parts @returns {Buffer[]}
 */
export function readerPageChunks({ page, slots }, { nameHtml, rows, likeHtml, counts = {} }) {
  /** @type {Buffer[]} */
  const out = [];
  let at = 0;
  for (const slot of slots) {
    const text =
      'name' in slot ? nameHtml : 'like' in slot ? likeHtml : 'count' in slot ? (Object.hasOwn(counts, slot.count) ? counts[slot.count] : undefined) : Object.hasOwn(rows, slot.row) ? rows[slot.row] : undefined;
    if (text === undefined) continue;
    out.push(page.subarray(at, slot.start), Buffer.from(text, 'utf8'));
    at = slot.end;
  }
  out.push(page.subarray(at));
  return out;
}

/**
 * The reader's page in one buffer (the chunks joined; for compressing it, and for tests).
 * @param {PreparedShell} shell @param {ReaderParts} parts @returns {Buffer}
 */
export function readerPage(shell, parts) {
  return Buffer.concat(readerPageChunks(shell, parts));
}
