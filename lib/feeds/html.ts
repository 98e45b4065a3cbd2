import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';
import { visit } from 'unist-util-visit';

// HTML for feed readers, which show an entry away from the site: every address must be
// absolute, and an image must be a plain address they can fetch (not the site's
// /_next/image optimizer with its width and quality). The HTML is already sanitized
// (lib/markdown.ts, lib/comments/markdown.ts); these passes only rewrite addresses.

const URL_ATTRIBUTES = ['href', 'src', 'cite', 'poster'] as const;
const HAS_SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * `value` as a feed reader should get it: a relative address resolved against `base` (the
 * page the HTML belongs to), a /_next/image address of this site turned back into the
 * original upload. Other absolute addresses (and mailto:) stay exactly as written.
 */
export function absoluteUrl(value: string, base: string): string {
  const trimmed = value.trim();
  let url: URL;
  try {
    url = new URL(trimmed, base);
  } catch {
    return value;
  }
  const origin = new URL(base).origin;
  if (url.origin === origin && url.pathname === '/_next/image') {
    const original = url.searchParams.get('url');
    if (original?.startsWith('/') && !original.startsWith('//')) return new URL(original, origin).toString();
  }
  return HAS_SCHEME.test(trimmed) ? value : url.toString();
}

/** A hast pass that makes every address absolute (see absoluteUrl) and drops responsive-image attributes. */
export function absoluteUrls(base: string): (tree: Root) => void {
  return (tree) => {
    visit(tree, 'element', (node: Element) => {
      for (const name of URL_ATTRIBUTES) {
        const value = node.properties[name];
        if (typeof value === 'string') node.properties[name] = absoluteUrl(value, base);
      }
      // A srcset of optimizer widths means nothing off the site; the plain src is enough.
      delete node.properties.srcSet;
      delete node.properties.sizes;
    });
  };
}

/** Sanitized HTML (a comment's stored body) with absolute addresses. */
export function htmlWithAbsoluteUrls(html: string, base: string): string {
  const tree = fromHtml(html, { fragment: true });
  absoluteUrls(base)(tree);
  return toHtml(tree);
}

/** The cover image as the first thing in the entry, as the post page shows it. */
export function coverHtml(src: string, alt: string): string {
  return toHtml(h('p', [h('img', { src, alt })]));
}

/**
 * The feed writer puts HTML in CDATA sections and splits only the first "]]>" in each
 * (xml-js), so a second one would end the section early. In HTML "]]&gt;" means the same
 * (in text and in attribute values alike), so no "]]>" is ever handed to it.
 */
export function cdataSafe(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}

/** Plain text as HTML (for the writer's type="html" titles and summaries): "<" and "&" escaped, CDATA-safe. */
export function textAsHtml(text: string): string {
  return cdataSafe(toHtml({ type: 'text', value: text }));
}
