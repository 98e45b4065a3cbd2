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

/**
 * WordPress post content: its editor stores paragraphs as blank lines, not <p> (WordPress
 * adds them on display with wpautop, done here by @wordpress/autop, WordPress's own port).
 */
export function wordpressToMarkdown(content: string): string {
  return htmlToMarkdown(autop(content.replace(WRAPPING_SHORTCODES, '')));
}
