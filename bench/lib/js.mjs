// Part 3: the JavaScript a reader downloads with the post page, as bytes on the wire
// (gzip at zlib level 6, zlib's default, which is what Next's own compression uses)
// and raw.
import { gzipSync } from 'node:zlib';
import { request } from './load.mjs';

export const GZIP_LEVEL = 6;
export const GHOST_KB = 886; // Ghost's post page JavaScript, the figure this project compares itself with

const gz = (buf) => gzipSync(buf, { level: GZIP_LEVEL }).length;

/** Every <script src> (fetched) and inline <script> of the page, sized raw and gzipped. */
export async function measureJs(pageUrl) {
  const page = await request(pageUrl);
  if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}`);
  const html = page.body.toString('utf8');

  const external = [];
  const inline = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attrs, body] = match;
    const src = /\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attrs);
    if (src) external.push(decodeEntities(src[1] ?? src[2] ?? src[3]));
    else if (!/type\s*=\s*["']?application\/(ld\+)?json/i.test(attrs)) inline.push(Buffer.from(body));
  }

  const scripts = [];
  for (const src of [...new Set(external)]) {
    const url = new URL(src, pageUrl).toString();
    const res = await request(url);
    if (res.status !== 200) throw new Error(`script ${src} answered ${res.status}`);
    scripts.push({ src, rawBytes: res.body.length, gzipBytes: gz(res.body) });
  }
  const sum = (list, key) => list.reduce((s, x) => s + x[key], 0);
  const inlineAll = Buffer.concat(inline);
  return {
    gzipLevel: GZIP_LEVEL,
    external: { count: scripts.length, rawBytes: sum(scripts, 'rawBytes'), gzipBytes: sum(scripts, 'gzipBytes'), scripts },
    // Inline scripts (mostly the RSC payload Next streams into the HTML) gzipped together, as they travel in one response.
    inline: { count: inline.length, rawBytes: inlineAll.length, gzipBytes: inline.length ? gz(inlineAll) : 0 },
    ghostKb: GHOST_KB,
  };
}

function decodeEntities(s) {
  return s.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'");
}
