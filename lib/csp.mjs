// @ts-check
// The Content-Security-Policy, built in one place (issue 15 item 1). The production server
// (server/csp.mjs) sends it on every HTML answer it gets from Next, hashed once per answer
// Next renders: the microcache keeps the header with the page, so a cache hit costs
// nothing more; the signed-in shells (server/reader-pages.mjs) keep the shell's header, and
// the not-found document (server/not-found.mjs) is hashed once per load. Why hashes and not
// nonces: a nonce must differ per answer, so every cached page would need a render.
//
// Only the framework's own inline scripts are hashed — React Flight's data pushes
// (`self.__next_f.push([…])`, JSON only), Turbopack's chunk-group bootstrap (JSON pushed
// onto its global: the chunks it names load as files, under 'self'), React's streaming runtime (its function bodies as
// the installed react-dom writes them, `runtime`: server/csp.mjs reads them, and one call
// with JSON arguments) and Next's icon
// script, and the loader that adds Next's chunk scripts after the first paint
// (./scripts-after-paint.mjs) — recognised by their whole text. A `<script>` that slipped through a sanitizer
// into a post or a comment has another text: it is not hashed, so the browser refuses (or,
// report-only, reports) it. Scripts from files are allowed from the site itself ('self':
// Next's /_next/static chunks); no 'unsafe-inline', no 'unsafe-eval'.

import { createHash } from 'node:crypto';
import { isLoaderScript } from './scripts-after-paint.mjs';

export const CSP_REPORT_PATH = '/api/csp-report';
/** The Reporting API endpoint's name (`report-to`) and its Reporting-Endpoints header. */
export const REPORTING_ENDPOINTS = `csp="${CSP_REPORT_PATH}"`;

/** @typedef {'enforce' | 'report-only' | 'off'} CspMode */
const HEADER_NAMES = /** @type {const} */ ({ enforce: 'Content-Security-Policy', 'report-only': 'Content-Security-Policy-Report-Only', off: null });

/** CSP_MODE (default enforce); throws with a message naming the variable on anything else. @param {string | undefined} raw @returns {CspMode} */
export function cspMode(raw) {
  const mode = raw === undefined || raw.trim() === '' ? 'enforce' : raw.trim();
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

/** Whether `text` is JSON (data: it runs nothing). @param {string} text */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// Turbopack's chunk-group bootstrap (next/dist/server/get-page-files.js
// getTurbopackChunkGroupBootstrap): one statement a line, each pushing JSON onto its global.
const TURBOPACK_BOOTSTRAP = /^\(globalThis\[("(?:[^"\\\n]|\\.)*")\] \|\| \(globalThis\[\1\] = \[\]\)\)\.push\(([^\n]*)\);$/;
const FLIGHT = /^(?:\(self\.__next_f=self\.__next_f\|\|\[\]\)|self\.__next_f)\.push\(([\s\S]*)\)$/;
const REACT_CALL = /^\$R[A-Za-z]*\(([\s\S]*)\);?$/;

/**
 * Whether an inline script is the framework's own (see the header).
 * @param {string} text @param {readonly string[]} [runtime] React's runtime pieces, longest first
 */
export function isFrameworkScript(text, runtime = []) {
  if (text === NEXT_ICON_SCRIPT) return true;
  if (isLoaderScript(text)) return true;
  if (text.startsWith('(globalThis[')) {
    return text.split('\n').every((line) => {
      const match = TURBOPACK_BOOTSTRAP.exec(line);
      return match?.[1] !== undefined && match[2] !== undefined && isJson(match[1]) && isJson(match[2]);
    });
  }
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
    for (const piece of runtime) {
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

/**
 * The policy for an HTML document: its framework scripts' hashes.
 * @param {string} html @param {{ formAction?: readonly string[], runtime?: readonly string[] }} [options]
 */
export function policyFor(html, { formAction = [], runtime = [] } = {}) {
  const hashes = new Set();
  for (const text of inlineScripts(html)) if (isFrameworkScript(text, runtime)) hashes.add(createHash('sha256').update(text, 'utf8').digest('base64'));
  return buildPolicy({ hashes: [...hashes], formAction });
}
