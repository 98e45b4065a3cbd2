// @ts-check
// A signed-in reader's post page from the shared shell's bytes, independent of any
// framework (server/reader-pages.mjs serves it). The shell
// (app/(site)/post/[slug]/comments with the shell cookie) is the signed-in page rendered for
// no one: an empty name in `<strong data-reader-name="">`, each comment's controls row
// between `<!--a:<id>-->` and `<!--/a-->`, the post's heart between `<!--like-->` and
// `<!--/like-->` (lib/posts/like-heart.mjs), and the templates of the rows and of the heart
// in the comments section's `data-reader-shell` attribute. All sit inside HTML React took
// as a string (dangerouslySetInnerHTML), which hydration leaves as the server sent it, so
// putting one reader's name, heart and rows in needs no render. The shell is cut once into
// byte pieces and slots (`prepareShell`); a reader's page is those pieces with their name,
// heart and rows in the slots (`readerPage`): rows not given keep the shell's (the controls
// on a comment the reader did not write, like or report are everyone's), and so does a
// heart not given.

const SLOTS = /<strong data-reader-name=""><\/strong>|<!--a:([a-z0-9]+)-->([\s\S]*?)<!--\/a-->|<!--like-->([\s\S]*?)<!--\/like-->/g;
/** On the shell's comments section only, its data in base64 (lib/comments/reader-shell.ts). */
const DATA = /data-reader-shell="([A-Za-z0-9+/=]+)"/;

/** @typedef {{ nameHtml: string, rows: Record<string, string>, likeHtml?: string }} ReaderParts */
/** @typedef {{ open: boolean, editWindowMs: number, templates: import('./controls.mjs').RowTemplates, heart?: import('../posts/like-heart.mjs').HeartTemplates }} ShellData */
/** @typedef {Buffer | { name: true } | { row: string, shell: Buffer } | { like: Buffer }} Piece */
/** @typedef {{ pieces: Piece[], data: ShellData, bytes: number }} PreparedShell */

const NAME_OPEN = Buffer.from('<strong data-reader-name="">');
const NAME_CLOSE = Buffer.from('</strong>');

/**
 * The shell cut into pieces, with its data for the rows (lib/comments/reader-shell.ts), or
 * null when `shell` is not the shell (no mark or no data: the caller serves the page another way).
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
  /** @type {Piece[]} */
  const pieces = [];
  let at = 0;
  for (const match of shell.matchAll(SLOTS)) {
    pieces.push(Buffer.from(shell.slice(at, match.index), 'utf8'));
    if (match[1] !== undefined) pieces.push({ row: match[1], shell: Buffer.from(match[2] ?? '', 'utf8') });
    else if (match[3] !== undefined) pieces.push({ like: Buffer.from(match[3], 'utf8') });
    else pieces.push({ name: true });
    at = match.index + match[0].length;
  }
  pieces.push(Buffer.from(shell.slice(at), 'utf8'));
  return { pieces, data, bytes: Buffer.byteLength(shell) };
}

/**
 * The reader's page: the shell's pieces with their name and rows in.
 * @param {PreparedShell} shell @param {ReaderParts} parts @returns {Buffer}
 */
export function readerPage({ pieces }, { nameHtml, rows, likeHtml }) {
  /** @type {Buffer[]} */
  const out = [];
  for (const piece of pieces) {
    if (Buffer.isBuffer(piece)) out.push(piece);
    else if ('name' in piece) out.push(NAME_OPEN, Buffer.from(nameHtml, 'utf8'), NAME_CLOSE);
    else if ('like' in piece) out.push(likeHtml === undefined ? piece.like : Buffer.from(likeHtml, 'utf8'));
    else out.push(Object.hasOwn(rows, piece.row) ? Buffer.from(/** @type {string} */ (rows[piece.row]), 'utf8') : piece.shell);
  }
  return Buffer.concat(out);
}
