import { autoExcerpt } from '@/lib/excerpt';

// An imported post without an excerpt gets the editor's (lib/excerpt.ts: its first
// paragraphs as text, 200 characters), which parses the whole body: 2 ms a post. The
// excerpt only needs the opening, and Markdown blocks before a blank line do not depend on
// what comes after it, except through reference and footnote definitions (`[x]: …`, which
// may come last). So without those, the opening up to a blank line is parsed first, longer
// and longer until its text is enough; tests/integration/import-comment-html.test.ts checks
// the answers agree.

const ENOUGH = 200;
const DEFINITION = /\]:/;
const ALL = 1_000_000;

export function importExcerpt(body: string): string {
  if (DEFINITION.test(body)) return autoExcerpt(body);
  const first = firstParagraph(body);
  if (first !== null) return first;
  for (let size = ENOUGH; size < body.length; size *= 4) {
    const cut = body.indexOf('\n\n', size);
    if (cut < 0) break;
    const opening = body.slice(0, cut);
    // All the text of the opening's paragraphs: once that is enough, the rest is never read.
    if (autoExcerpt(opening, ALL).length >= ENOUGH) return autoExcerpt(opening);
  }
  return autoExcerpt(body);
}

/**
 * One parse of the body's first block, when that is one line opening with a letter (so a
 * paragraph: nothing else starts so) whose text alone is enough: cut (an ellipsis it did not
 * end with) or exactly the length. Otherwise null.
 */
function firstParagraph(body: string): string | null {
  const end = body.indexOf('\n\n');
  const chunk = end < 0 ? body : body.slice(0, end);
  if (chunk.includes('\n') || !/^\p{L}/u.test(chunk) || chunk.trimEnd().endsWith('…')) return null;
  const excerpt = autoExcerpt(chunk);
  return excerpt.length === ENOUGH || excerpt.endsWith('…') ? excerpt : null;
}
