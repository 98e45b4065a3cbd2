import type { APIRequestContext } from '@playwright/test';
import { attributeOf } from './html';

// JSON-LD as a crawler reads it: every <script type="application/ld+json"> of the server
// HTML, parsed with JSON.parse. A script a title broke out of would not parse.

export type Node = Record<string, unknown>;

export function jsonLdBlocks(html: string): string[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
}

export function jsonLdNodes(html: string): Node[] {
  return jsonLdBlocks(html).map((text) => JSON.parse(text) as Node);
}

export function nodeOfType(html: string, type: string): Node | undefined {
  return jsonLdNodes(html).find((n) => n['@type'] === type);
}

/** The href of the first <link rel="…">. */
export const linkHref = (html: string, rel: string) => attributeOf(html, 'link', new RegExp(`rel="${rel}"`), 'href');

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature) || bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** GETs an absolute URL of the site through the run's server (the path only: SITE_URL may name another host). */
export async function getPath(request: APIRequestContext, url: string) {
  const { pathname, search } = new URL(url);
  return request.get(`${pathname}${search}`);
}
