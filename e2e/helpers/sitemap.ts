import { expect, type APIRequestContext } from '@playwright/test';
import type { IndexItem, SitemapItem } from 'sitemap';
import { parseSitemapIndex, parseUrlset } from '../../tests/helpers/sitemap-xml';

// The sitemap as a crawler reads it: /sitemap.xml (an index), then every child it lists,
// each fetched, checked as XML and parsed strictly (tests/helpers/sitemap-xml.ts).

/** The server's SITEMAP_PAGE_SIZE (playwright.config.ts): small, so the seeded site has several children. */
export const E2E_SITEMAP_PAGE_SIZE = 5;

export type SitemapRead = { index: IndexItem[]; children: Map<string, SitemapItem[]>; texts: string[] };

async function fetchXml(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  expect(response.headers()['content-type'], path).toMatch(/xml/);
  return response.text();
}

export async function readSitemap(request: APIRequestContext): Promise<SitemapRead> {
  const indexXml = await fetchXml(request, '/sitemap.xml');
  const index = await parseSitemapIndex(indexXml);
  const children = new Map<string, SitemapItem[]>();
  const texts = [indexXml];
  for (const entry of index) {
    const xml = await fetchXml(request, new URL(entry.url).pathname);
    texts.push(xml);
    children.set(entry.url, await parseUrlset(xml));
  }
  return { index, children, texts };
}

/** Every URL entry of every child. */
export function sitemapEntries(read: SitemapRead): SitemapItem[] {
  return [...read.children.values()].flat();
}
