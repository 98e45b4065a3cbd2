// @ts-check
// The Content-Security-Policy, built in one place (issue 15 item 1). The production server
// (server/csp.mjs) sends it on every HTML answer it gets from Next, hashed once per answer
// Next renders: the microcache keeps the header with the page, so a cache hit costs
// nothing more; the signed-in shells (server/reader-pages.mjs) keep the shell's header, and
// the not-found document (server/not-found.mjs) is hashed once per load. Why hashes and not
// nonces: a nonce must differ per answer, so every cached page would need a render.
//
// Only the framework's own inline scripts are hashed — React Flight's data pushes
// (`self.__next_f.push([…])`, JSON only), React's streaming runtime (its function bodies
// read from the installed react-dom, and one call with JSON arguments) and Next's icon
// script — recognised by their whole text. A `<script>` that slipped through a sanitizer
// into a post or a comment has another text: it is not hashed, so the browser refuses (or,
// report-only, reports) it. Scripts from files are allowed from the site itself ('self':
// Next's /_next/static chunks); no 'unsafe-inline', no 'unsafe-eval'.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

export const CSP_REPORT_PATH = '/api/csp-report';
/** The Reporting API endpoint's name (`report-to`) and its Reporting-Endpoints header. */
export const REPORTING_ENDPOINTS = `csp="${CSP_REPORT_PATH}"`;

/** @typedef {'enforce' | 'report-only' | 'off'} CspMode */
const HEADER_NAMES = /** @type {const} */ ({ enforce: 'Content-Security-Policy', 'report-only': 'Content-Security-Policy-Report-Only', off: null });

/** CSP_MODE (default report-only); throws with a message naming the variable on anything else. @param {string | undefined} raw @returns {CspMode} */
export function cspMode(raw) {
  const mode = raw === undefined || raw.trim() === '' ? 'report-only' : raw.trim();
  if (!Object.hasOwn(HEADER_NAMES, mode)) throw new Error('CSP_MODE must be enforce, report-only or off');
  return /** @type {CspMode} */ (mode);
}

/** The response header that carries the policy in `mode`, or null (off). @param {CspMode} mode */
export function cspHeaderName(mode) {
  return HEADER_NAMES[mode];
}

/**
 * Where sign-in forms may lead besides the site: the OAuth providers configured (a no-script
 * sign-in posts to next-auth, which redirects to the provider; form-action covers redirects).
 * @param {Record<string, string | undefined>} env
 */
export function formActionSources(env) {
  /** @type {string[]} */
  const sources = [];
  if (env.GITHUB_ID && env.GITHUB_SECRET) sources.push('https://github.com');
  if (env.GOOGLE_ID && env.GOOGLE_SECRET) sources.push('https://accounts.google.com');
  if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
    try {
      sources.push(new URL(env.OIDC_ISSUER).origin);
    } catch {
      // lib/env.ts refuses a bad issuer URL at start.
    }
  }
  return sources;
}

/**
 * The policy with these script hashes (base64 SHA-256) and extra form-action sources.
 * @param {{ hashes: readonly string[], formAction?: readonly string[] }} options
 */
export function buildPolicy({ hashes, formAction = [] }) {
  const scripts = ["'self'", ...hashes.map((hash) => `'sha256-${hash}'`), "'report-sample'"];
  return [
    `script-src ${scripts.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'self'",
    `form-action ${["'self'", ...formAction].join(' ')}`,
    `report-uri ${CSP_REPORT_PATH}`,
    'report-to csp',
  ].join('; ');
}

// The text of every inline <script> (its content up to the first </script, as a browser reads it).
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script[\s/>]/gi;
const SRC = /(?:^|\s)src\s*=/i;
const TYPE = /(?:^|\s)type\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;
const JAVASCRIPT_TYPES = new Set(['', 'text/javascript', 'application/javascript', 'module']);

/** The texts of the inline scripts a browser would run. @param {string} html */
export function inlineScripts(html) {
  /** @type {string[]} */
  const texts = [];
  for (const [, attributes = '', text = ''] of html.matchAll(SCRIPT)) {
    if (SRC.test(attributes)) continue;
    const type = TYPE.exec(attributes);
    if (JAVASCRIPT_TYPES.has((type?.[1] ?? type?.[2] ?? type?.[3] ?? '').trim().toLowerCase())) texts.push(text);
  }
  return texts;
}

// Next's script that moves icons streamed into <body> to <head>
// (next/dist/server/app-render/metadata-insertion/create-server-inserted-metadata.js).
const NEXT_ICON_SCRIPT = `document.querySelectorAll('body link[rel="icon"], body link[rel="apple-touch-icon"]').forEach(el => document.head.appendChild(el))`;

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
/** React's runtime pieces, read once. */
export function reactRuntime() {
  runtime ??= reactRuntimePieces();
  return runtime;
}

/** Whether `text` is JSON (data: it runs nothing). @param {string} text */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const FLIGHT = /^(?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\(([\s\S]*)\)$/;
const REACT_CALL = /^\$R[A-Za-z]*\(([\s\S]*)\);?$/;

/** Whether an inline script is the framework's own (see the header). @param {string} text */
export function isFrameworkScript(text) {
  if (text === NEXT_ICON_SCRIPT) return true;
  if (text.startsWith('(self.__next_f') || text.startsWith('self.__next_f')) {
    // Next joins the first pushes with ";self.__next_f.push(".
    return text.split(';self.__next_f.push(').every((part, i) => {
      const match = FLIGHT.exec(i === 0 ? part : `self.__next_f.push(${part}`);
      return match?.[1] !== undefined && match[1].startsWith('[') && isJson(match[1]);
    });
  }
  let at = 0;
  for (let found = true; found && at < text.length; ) {
    found = false;
    for (const piece of reactRuntime()) {
      if (!text.startsWith(piece, at)) continue;
      at += piece.length;
      found = true;
      break;
    }
  }
  const rest = text.slice(at);
  if (rest === '') return at > 0;
  const call = REACT_CALL.exec(rest);
  return call?.[1] !== undefined && isJson(`[${call[1]}]`);
}

/** The policy for an HTML document: its framework scripts' hashes. @param {string} html @param {readonly string[]} [formAction] */
export function policyFor(html, formAction = []) {
  const hashes = new Set();
  for (const text of inlineScripts(html)) if (isFrameworkScript(text)) hashes.add(createHash('sha256').update(text, 'utf8').digest('base64'));
  return buildPolicy({ hashes: [...hashes], formAction });
}
