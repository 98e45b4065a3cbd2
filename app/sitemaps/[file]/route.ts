import { connection } from 'next/server';
import { env } from '@/lib/env';
import { siteUrl } from '@/lib/site-url';
import { requestSitemapSource, sitemapNotFound, xmlResponse } from '@/lib/sitemap/http';
import { childItems, parseSitemapFile, urlsetXml } from '@/lib/sitemap/write';

// One child of the sitemap index: /sitemaps/pages.xml, /sitemaps/posts-N.xml,
// /sitemaps/categories-N.xml, /sitemaps/tags-N.xml (N from 1). Streamed chunk by chunk
// from cached keyset reads; 404 for any other name or a child the index does not list.
export async function GET(_request: Request, { params }: RouteContext<'/sitemaps/[file]'>): Promise<Response> {
  await connection();
  const { file: name } = await params;
  const file = parseSitemapFile(name);
  if (!file) return sitemapNotFound();
  const pageSize = env().SITEMAP_PAGE_SIZE;
  const source = requestSitemapSource();
  const items = childItems(source, await source.index(pageSize), file, { pageSize, url: siteUrl });
  if (!items) return sitemapNotFound();
  return xmlResponse(urlsetXml(items, (error) => console.error(`sitemap ${name}: ${error.message}`)));
}
