// @ts-check
// The framework's scripts load after the page's first paint (issue 12: Lighthouse on the post
// and home pages). Next writes its chunks as `<script src async>` in the head (and a preload
// link for its bootstrap chunk): their downloads start with the document's and their
// evaluation (~480 kB for the post page) lands in the middle of the parse, so the browser's
// first paint of the article waited for the framework (a trace of real Chromium here: paint at
// 440–468 ms, after 125–242 ms of script evaluation, though the stylesheet was there by
// 195–251 ms). A page is complete without them — every form works without JavaScript — so
// they can wait a frame: the server (server/csp.mjs) takes them out of the document and writes
// one small script at the end of the body that adds them, in the same order, once the page has
// painted; a page opened in a background tab (no frames) adds them at once. Hydration then
// starts a frame later than before. Only Next's own chunk scripts move (`/_next/static/…`,
// async); anything else, the `noModule` polyfill included, stays as it was. The loader's text
// is recognised by lib/csp.mjs and hashed like the framework's other inline scripts.
//
// Only on the reading pages (READING_PAGES): where a reader reads. Pages made for typing (the
// editor, settings, sign-in and account forms) keep Next's order: a controlled field hydrates
// to the value it was rendered with, so text typed between the paint and hydration would be
// lost, and there the wait would be longer (the e2e suite's editor spec lost its typed title).

const STATIC = '/_next/static/';

/** Home, the lists (blog, categories, tags, authors), search results and posts, with or without a query. */
export const READING_PAGES = /^\/(?:blog(?:\/[^?#]*)?|search|post\/[^/?#]+)?\/?(?:\?|$)/;
// `<script src="/_next/static/chunks/x.js" async=""></script>`, possibly with an id (React's
// bootstrap script: `id="_R_"`), as React writes them (attributes in this order, double quotes).
const CHUNK_SCRIPT = /<script src="(\/_next\/static\/[^"<>]+\.js)"(?: id="[^"<>]*")? async=""><\/script>/g;
// React's `<link rel="preload" as="script">` for the bootstrap chunk (possibly with fetchPriority).
const CHUNK_PRELOAD = /<link rel="preload" as="script"(?: fetchPriority="[a-z]+")? href="(\/_next\/static\/[^"<>]+\.js)"\/>/g;

export const LOADER_START =
  '(function(u){var d=document;function go(){u.forEach(function(s){var e=d.createElement("script");e.src=s;e.async=true;d.head.appendChild(e)})}' +
  'if(d.visibilityState==="visible"&&self.requestAnimationFrame)requestAnimationFrame(function(){setTimeout(go,0)});else go()})(';
export const LOADER_END = ')';

/** The loader's text for these script URLs. @param {readonly string[]} urls */
export function loaderScript(urls) {
  // JSON of plain paths; `<` is escaped anyway, so no text can close the script element.
  return `${LOADER_START}${JSON.stringify(urls).replace(/</g, '\\u003c')}${LOADER_END}`;
}

/**
 * The script URLs of a loader this module wrote, else null.
 * @param {string} text @returns {string[] | null}
 */
export function loaderUrls(text) {
  if (!text.startsWith(LOADER_START) || !text.endsWith(LOADER_END)) return null;
  let urls;
  try {
    urls = JSON.parse(text.slice(LOADER_START.length, text.length - LOADER_END.length));
  } catch {
    return null;
  }
  const valid = Array.isArray(urls) && urls.length > 0 && urls.every((url) => typeof url === 'string' && url.startsWith(STATIC) && !url.includes('..'));
  return valid ? urls : null;
}

/** Whether `text` is a loader this module wrote (for the policy: lib/csp.mjs). @param {string} text */
export function isLoaderScript(text) {
  return loaderUrls(text) !== null;
}

/**
 * The document with Next's chunk scripts loaded after the first paint; the same string when
 * it has none (or no `</body>` to put the loader before).
 * @param {string} html
 */
export function scriptsAfterPaint(html) {
  const end = html.lastIndexOf('</body>');
  if (end === -1) return html;
  /** @type {string[]} */
  const urls = [];
  const head = html.slice(0, end).replace(CHUNK_SCRIPT, (_, /** @type {string} */ url) => {
    urls.push(url);
    return '';
  });
  if (urls.length === 0) return html;
  const moved = new Set(urls);
  const withoutPreloads = head.replace(CHUNK_PRELOAD, (link, /** @type {string} */ url) => (moved.has(url) ? '' : link));
  return `${withoutPreloads}<script>${loaderScript(urls)}</script>${html.slice(end)}`;
}
