import { connection } from 'next/server';
import { env } from '@/lib/env';
import { siteUrl } from '@/lib/site-url';
import { requestSitemapSource, xmlResponse } from '@/lib/sitemap/http';
import { sitemapIndexXml } from '@/lib/sitemap/write';

// The sitemap index (robots.txt points here): one child per SITEMAP_PAGE_SIZE posts,
// categories or tags, and one for the home page and /blog. Rendered per request from
// cached reads (lib/dal/sitemap.ts), never prerendered: the build has no database.
export async function GET(): Promise<Response> {
  await connection();
  const data = await requestSitemapSource().index(env().SITEMAP_PAGE_SIZE);
  return xmlResponse(sitemapIndexXml(data, siteUrl));
}
