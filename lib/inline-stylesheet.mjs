// @ts-check
// The site's stylesheet written into the reading pages (issue 12: the first paint on a slow
// network). Next links the one stylesheet every page shares (`<link rel="stylesheet"
// href="/_next/static/chunks/….css" data-precedence="next"/>`): a browser paints nothing until
// it has fetched it, a second round trip after the document's. With Lighthouse's network
// really throttled (`--lighthouse-throttling devtools`) that round trip was the whole
// difference between the post page's first paint at 1.5–1.6 s and 0.83–0.89 s with the same
// CSS in the document (bench/README.md, 2026-12-05 midday); on a phone's network it is the
// same one round trip. The cost: ~10 kB more gzipped per page view, where a returning reader's
// browser would have had the file cached.
//
// The server (server/csp.mjs) replaces the link on a reading page (lib/scripts-after-paint.mjs
// READING_PAGES) with a `<style>` holding the file's text, and keeps the link `disabled`:
// browsers do not fetch a disabled stylesheet, and React, which looks for the page's
// stylesheets by `rel` and `href` when it hydrates, finds it there and does not add it again.
// A stylesheet larger than MAX_INLINE_BYTES, or one whose text could end the `<style>` element,
// keeps its link as Next wrote it.

/** Next's link for a stylesheet of the build, as React writes it (attributes in this order). */
const STYLESHEET_LINK = /<link rel="stylesheet" href="(\/_next\/static\/chunks\/[A-Za-z0-9_-]+\.css)" data-precedence="([A-Za-z0-9_-]+)"\/>/g;

/** Larger stylesheets keep their link (the site's is 68 kB, 11 kB gzipped). */
export const MAX_INLINE_BYTES = 128 * 1024;

/**
 * The document with each of the build's stylesheet links in its head replaced by the file's
 * text; the same string when there is none to replace (or no `</head>`).
 * @param {string} html
 * @param {(href: string) => string | null} read the stylesheet's text for its href, or null to keep the link
 */
export function inlineStylesheets(html, read) {
  const headEnd = html.indexOf('</head>');
  if (headEnd === -1) return html;
  let changed = false;
  const head = html.slice(0, headEnd).replace(STYLESHEET_LINK, (link, /** @type {string} */ href, /** @type {string} */ precedence) => {
    const css = read(href);
    if (css === null || Buffer.byteLength(css) > MAX_INLINE_BYTES || /<\/style/i.test(css)) return link;
    changed = true;
    return `<style data-inlined-from="${href}">${css}</style><link rel="stylesheet" href="${href}" data-precedence="${precedence}" disabled=""/>`;
  });
  return changed ? head + html.slice(headEnd) : html;
}
