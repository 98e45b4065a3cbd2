import { autop } from '@wordpress/autop';
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';

// Old platforms store HTML; Quire stores Markdown (rendered and sanitized by lib/markdown.ts
// at read time). Turndown with the GFM plugin keeps tables, strikethrough and task lists;
// images stay as links to their old URLs (nothing is downloaded).

const service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*' });
service.use(gfm);
// Scripts, styles and forms are not content; the sanitizer would drop them anyway.
service.remove(['script', 'style', 'form', 'noscript']);

export function htmlToMarkdown(html: string): string {
  if (!html.trim()) return '';
  return service.turndown(html).trim();
}

// WordPress shortcodes that only wrap content ([caption]…[/caption]): the content stays.
const WRAPPING_SHORTCODES = /\[\/?(caption|wp_caption)\b[^\]]*\]/g;

// Plain prose (most comments): paragraphs of words and common punctuation, one space between
// words and a blank line between paragraphs, come out of autop and Turndown as they went in,
// but cost 60 µs there (6 s of 100,000 comments). A paragraph opening with a digit might be a
// list item, which Turndown escapes. tests/integration/import-comment-html.test.ts checks.
const WORD = `[\\p{L}\\p{N},.!?;'"()]+`;
const PARAGRAPH = `${WORD}(?: ${WORD})*`;
const PLAIN_PARAGRAPHS = new RegExp(`^${PARAGRAPH}(?:\\n\\n${PARAGRAPH})*$`, 'u');
const DIGIT_FIRST = /(^|\n)\p{N}/u;

/**
 * WordPress post content: its editor stores paragraphs as blank lines, not <p> (WordPress
 * adds them on display with wpautop, done here by @wordpress/autop, WordPress's own port).
 */
export function wordpressToMarkdown(content: string): string {
  if (PLAIN_PARAGRAPHS.test(content) && !DIGIT_FIRST.test(content)) return content;
  return htmlToMarkdown(autop(content.replace(WRAPPING_SHORTCODES, '')));
}
