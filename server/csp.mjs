// @ts-check
// The Content-Security-Policy on every HTML answer Next renders (the policy: lib/csp.mjs).
// It hashes the page's own inline scripts, so the header can only go out once the whole
// body is known: this layer holds an HTML answer until Next ends it, reads it, moves Next's
// chunk scripts after the first paint (lib/scripts-after-paint.mjs) and writes the stylesheet
// into a reading page's head (lib/inline-stylesheet.mjs), then sends head and body
// at once with the policy and a Content-Length. It also compresses every answer Next gives
// (next.config.js turns Next's own compression off), after the HTML is read and changed: one
// compression per render, not Next's and a second one here. CSP_MODE=off leaves out the
// header; the scripts still move. It sits
// inside the microcache (server/server.mjs), so a cached page keeps its header and a hit
// does no work for it. Anything that is not HTML, a HEAD, or a body-less status passes
// through unread, streaming as before (compressed like the rest).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { hasCookie, SHELL_COOKIE } from '../lib/cookie-names.mjs';
import { cspHeaderName, cspMode, formActionSources, policyFor, REPORTING_ENDPOINTS } from '../lib/csp.mjs';
import { inlineStylesheets } from '../lib/inline-stylesheet.mjs';
import { READING_PAGES, scriptsAfterPaint } from '../lib/scripts-after-paint.mjs';
import { holdAnswer } from './held-answer.mjs';
import { acceptsGzip } from './microcache.mjs';

/** @typedef {import('node:http').IncomingMessage} Request */
/** @typedef {import('node:http').ServerResponse} Response */

/** React's streaming runtime as its server renderers write it: the string literals of the bundles that start `$R…=` or `requestAnimationFrame(`. */
function reactRuntimePieces() {
  const require = createRequire(import.meta.url);
  /** @type {Set<string>} */
  const pieces = new Set();
  // Next renders with its own copies; the app's react-dom is read too (the tests render with it).
  for (const pkg of ['next/dist/compiled/react-dom', 'next/dist/compiled/react-dom-experimental', 'react-dom']) {
    let dir;
    try {
      dir = path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'cjs');
    } catch {
      continue;
    }
    for (const name of ['react-dom-server.edge.production.js', 'react-dom-server.node.production.js']) {
      let source;
      try {
        source = readFileSync(path.join(dir, name), 'utf8');
      } catch {
        continue;
      }
      for (const [literal] of source.matchAll(/(["'])(?:\$R[A-Za-z]*=|requestAnimationFrame\()(?:(?!\1)[^\\\n]|\\.)*\1/g)) {
        // A whole string literal, matched as such: evaluating it yields its text, nothing else.
        const text = String(vm.runInNewContext(literal));
        // A piece that ends with the first call's opening (`…};$RS("`) is kept without it.
        pieces.add(text.replace(/\$R[A-Za-z]*\("$/, ''));
      }
    }
  }
  return [...pieces].sort((a, b) => b.length - a.length);
}

/** @type {string[] | null} */
let runtime = null;
/** React's runtime pieces (longest first), read once. */
export function reactRuntime() {
  runtime ??= reactRuntimePieces();
  return runtime;
}

const DECODERS = { gzip: promisify(zlib.gunzip), deflate: promisify(zlib.inflate), br: promisify(zlib.brotliDecompress) };
const ENCODERS = { gzip: promisify(zlib.gzip), deflate: promisify(zlib.deflate), br: promisify(zlib.brotliCompress) };
// The compression middleware Next itself uses (the `compression` package, compiled into Next),
// with Next's options: gzip or deflate as the client accepts, for compressible types over 1 kB.
const compression = /** @type {() => (req: Request, res: Response, next: () => void) => void} */ (createRequire(import.meta.url)('next/dist/compiled/compression'));
const compress = compression();
// The middleware's threshold (1 kB): smaller HTML answers go out as they are.
const COMPRESS_THRESHOLD = 1024;

/**
 * The build's stylesheets' text by href (`/_next/static/chunks/<name>.css`), each file read once;
 * null for one that cannot be read (its link stays).
 * @param {string} distDir
 */
export function createStylesheetReader(distDir) {
  /** @type {Map<string, string>} */
  const texts = new Map();
  return (/** @type {string} */ href) => {
    const known = texts.get(href);
    if (known !== undefined) return known;
    try {
      const text = readFileSync(path.join(distDir, 'static', 'chunks', path.basename(href)), 'utf8');
      texts.set(href, text);
      return text;
    } catch {
      return null;
    }
  };
}

/**
 * The layer for this server's HTML answers: the policy's header (CSP_MODE, the OAuth providers
 * in `env`; none when off), the chunk scripts moved after the first paint and the stylesheet in
 * a reading page's head (in every mode; INLINE_STYLESHEET=0 keeps the stylesheet's link).
 * @param {Record<string, string | undefined>} env
 */
export function createCsp(env) {
  const name = cspHeaderName(cspMode(env.CSP_MODE));
  // The stylesheet written into reading pages (lib/inline-stylesheet.mjs); INLINE_STYLESHEET=0 keeps Next's link.
  const readStylesheet = env.INLINE_STYLESHEET === '0' ? null : createStylesheetReader(path.resolve(import.meta.dirname, '..', '.next'));
  const options = { formAction: formActionSources(env), runtime: name ? reactRuntime() : [] };
  // Without them, a page that streams a Suspense boundary would have its runtime script refused.
  if (name && options.runtime.length === 0) console.error("warning: csp: React's streaming runtime was not found in node_modules; pages that stream a boundary will report violations");

  /** The policy header for a document, once its text is known (null when off). @param {string} html @returns {[string, string] | null} */
  const headerFor = (html) => (name ? [name, policyFor(html, options)] : null);

  /** The headers for a document: its policy's, if any. @param {string} html @returns {Array<[string, string]>} */
  const headersFor = (html) => {
    const header = headerFor(html);
    return header ? [header] : [];
  };

  /** Sets the policy headers of `html` on `res` (nothing when off). @param {Response} res @param {string} html */
  const setOn = (res, html) => {
    const header = headerFor(html);
    if (!header) return;
    res.setHeader(...header);
    res.setHeader('Reporting-Endpoints', REPORTING_ENDPOINTS);
  };

  /** The body's Content-Encoding, when it is one this layer reads. @param {Response} res */
  function encodingOf(res) {
    const encoding = String(res.getHeader('content-encoding') ?? '').trim().toLowerCase();
    return encoding === 'gzip' || encoding === 'deflate' || encoding === 'br' ? encoding : null;
  }

  /**
   * The document to send: Next's, with its chunk scripts loaded after the first paint and its
   * stylesheet in its head on a reading page (lib/scripts-after-paint.mjs,
   * lib/inline-stylesheet.mjs), gzipped when the client takes it (an answer that came
   * encoded is encoded again as it came); its text for the policy.
   * @param {Request} req @param {Response} res @param {Buffer} body @returns {Promise<{ html: string, body: Buffer }>}
   */
  async function rewrite(req, res, body) {
    const encoding = encodingOf(res);
    const html = (encoding ? await DECODERS[encoding](body) : body).toString('utf8');
    const reading = READING_PAGES.test(req.url ?? '');
    const afterPaint = reading ? scriptsAfterPaint(html) : html;
    // Not into the signed-in readers' post shell (./reader-pages.mjs): it is filled and compressed
    // per request, so 68 kB more would be worked through on every one, and a signed-in reader
    // comes back with the file cached.
    const inline = reading && readStylesheet && !hasCookie(req.headers.cookie, SHELL_COOKIE);
    const moved = inline ? inlineStylesheets(afterPaint, readStylesheet) : afterPaint;
    if (encoding) return { html: moved, body: moved === html ? body : await ENCODERS[encoding](moved) };
    const plain = moved === html ? body : Buffer.from(moved, 'utf8');
    // Whole, with its length, as the compression middleware below would not send it; it sees the encoding and leaves it.
    if (plain.length < COMPRESS_THRESHOLD || !acceptsGzip(req)) return { html: moved, body: plain };
    const zipped = await ENCODERS.gzip(plain);
    res.setHeader('content-encoding', 'gzip');
    return { html: moved, body: zipped };
  }

  /**
   * Compresses every answer of `next` (Next's own compression is off: next.config.js), and
   * holds an HTML one until it ends, then sends it with its policy (./held-answer.mjs): the
   * page is read and changed before it is compressed, once.
   * @param {Request} req @param {Response} res @param {() => unknown} next
   */
  function handle(req, res, next) {
    compress(req, res, () => hold(req, res));
    return next();
  }

  /** @param {Request} req @param {Response} res */
  function hold(req, res) {
    if (req.method === 'HEAD') return;
    holdAnswer(res, {
      hold: () => /^text\/html\b/i.test(String(res.getHeader('content-type') ?? '')) && res.statusCode !== 204 && res.statusCode !== 304,
      keepBody: true,
      finish: (body, send) =>
        rewrite(req, res, body).then(
          (page) => {
            setOn(res, page.html);
            send(page.body);
          },
          // Unreadable (it should not happen): Next's answer with the policy without hashes, so its scripts are reported.
          (/** @type {unknown} */ error) => {
            console.error('csp: could not read the page:', error instanceof Error ? error.message : String(error));
            setOn(res, '');
            send(body);
          },
        ),
    });
  }

  return { handle, headerFor, headersFor, setOn };
}
