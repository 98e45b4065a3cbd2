import { Readable } from 'node:stream';
import { ErrorLevel, XMLToSitemapIndexStream, XMLToSitemapItemStream, type IndexItem, type SitemapItem } from 'sitemap';

// Reads sitemaps back with the sitemap package's strict (sax) parser, failing on any
// malformed XML or invalid entry: for the integration and e2e tests alike.

function parse<T>(xml: Readable | string, parser: XMLToSitemapItemStream | XMLToSitemapIndexStream): Promise<T[]> {
  const input = typeof xml === 'string' ? Readable.from([xml]) : xml;
  const items: T[] = [];
  return new Promise((resolve, reject) => {
    input.on('error', reject);
    input.pipe(parser).on('data', (item: T) => items.push(item)).on('end', () => resolve(items)).on('error', reject);
  });
}

/** The <url> entries of a <urlset>. */
export const parseUrlset = (xml: Readable | string) => parse<SitemapItem>(xml, new XMLToSitemapItemStream({ level: ErrorLevel.THROW }));

/** The <sitemap> entries of a <sitemapindex>. */
export const parseSitemapIndex = (xml: Readable | string) => parse<IndexItem>(xml, new XMLToSitemapIndexStream({ level: ErrorLevel.THROW }));
