// @ts-check
// A request path whose percent-escapes are not UTF-8 (`/post/%FF`, the overlong
// `/post/abc%C0%AF`, the encoded lone surrogate `/post/%ED%A0%80`, a cut `%E0%A4%A`) can
// never name a page. Next 16 notices it only while decoding a dynamic segment's params,
// sets 400, finds no error page for 400 in an App Router build and answers a plain 500.
// The production server (server/server.mjs) asks this module first and serves such
// a request the site's not-found page with status 400, before any page, route or proxy
// runs; under `npm run dev`, proxy.ts answers it with a plain 400 page. The query string is
// not judged here: pages parse it with zod and answer bad values themselves.

/** The address rendered instead: `_`-folders are private in the App Router, so no route matches it. */
export const BAD_PATH_TARGET = '/_bad-address';

/** @param {string} url a request target, path and query */
export function isMalformedPath(url) {
  const end = url.indexOf('?');
  const path = end === -1 ? url : url.slice(0, end);
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

/**
 * For a malformed path: points the request at the not-found page and makes whatever Next
 * answers a 400 (a request that cannot be served; never cached, as the microcache keeps
 * only 200s). Otherwise leaves the request alone.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function answerMalformedPathAs400(req, res) {
  if (!isMalformedPath(req.url ?? '/')) return;
  req.url = BAD_PATH_TARGET;
  const writeHead = res.writeHead;
  /** @type {any} */ (res).writeHead = function (/** @type {number} */ _status, /** @type {any[]} */ ...rest) {
    return /** @type {any} */ (writeHead).call(this, 400, ...rest);
  };
}
