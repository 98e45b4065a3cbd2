import { pipeline, Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, type SitemapItemLoose } from 'sitemap';
import type { PostKey, SitemapChild, SitemapIndexData, SitemapSource, TermKind } from './types';

// The sitemap index and its children as XML streams, written by the `sitemap` package
// (escaping, the image namespace, W3C dates). A child is produced chunk by chunk from its
// source while the response is sent: memory holds one chunk of rows, whatever the site's size.

/** The protocol's limit, and the default page size (SITEMAP_PAGE_SIZE). */
export const SITEMAP_MAX_URLS = 50_000;
/** Rows per read (and per cache entry) while a child is written. */
export const SITEMAP_CHUNK = 1000;

export type ListKind = 'posts' | 'categories' | 'tags';
export type SitemapFile = { kind: 'pages' } | { kind: ListKind; page: number };
export type UrlFor = (path: string) => string;

const FILE_NAME = /^(?:pages|(posts|categories|tags)-([1-9][0-9]{0,8}))\.xml$/;

/** `pages.xml`, `posts-3.xml` …; null for any other name. */
export function parseSitemapFile(name: string): SitemapFile | null {
  const match = FILE_NAME.exec(name);
  if (!match) return null;
  const [, kind, page] = match;
  return kind ? { kind: kind as ListKind, page: Number(page) } : { kind: 'pages' };
}

export function sitemapFilePath(file: SitemapFile): string {
  return file.kind === 'pages' ? '/sitemaps/pages.xml' : `/sitemaps/${file.kind}-${file.page}.xml`;
}

function childrenOf(data: SitemapIndexData, kind: ListKind): SitemapChild<unknown>[] {
  return kind === 'posts' ? data.posts : kind === 'categories' ? data.categories : data.tags;
}

/** The index: the static pages' sitemap, then every child of posts, categories and tags, each with its newest lastmod. */
export function sitemapIndexXml(data: SitemapIndexData, url: UrlFor): Readable {
  const out = new SitemapIndexStream();
  const entries = [{ url: url(sitemapFilePath({ kind: 'pages' })), lastmod: data.newest ?? undefined }];
  for (const kind of ['posts', 'categories', 'tags'] as const) {
    for (const child of childrenOf(data, kind)) entries.push({ url: url(sitemapFilePath({ kind, page: child.page })), lastmod: child.lastmod });
  }
  for (const entry of entries) out.write(entry);
  out.end();
  return out;
}

type ChildOptions = { pageSize: number; chunkSize?: number; url: UrlFor };

/** A child's URL entries, read in chunks; null when the index has no such child. */
export function childItems(source: SitemapSource, data: SitemapIndexData, file: SitemapFile, options: ChildOptions): AsyncIterable<SitemapItemLoose> | null {
  const { url } = options;
  if (file.kind === 'pages') {
    const lastmod = data.newest ?? undefined;
    return Readable.from([{ url: url('/'), lastmod }, { url: url('/blog'), lastmod }]);
  }
  const child = childrenOf(data, file.kind)[file.page - 1];
  if (!child) return null;
  if (file.kind === 'posts') return postItems(source, child as SitemapChild<PostKey>, options);
  return termItems(source, file.kind === 'categories' ? 'category' : 'tag', child as SitemapChild<string>, options);
}

/** Keyset reads from `first`: at most `pageSize` rows, `chunkSize` at a time. */
async function* chunks<R, K>(read: (from: K, inclusive: boolean, limit: number) => Promise<R[]>, first: K, keyOf: (row: R) => K, { pageSize, chunkSize = SITEMAP_CHUNK }: ChildOptions): AsyncGenerator<R> {
  let from = first;
  let inclusive = true;
  for (let left = pageSize; left > 0; ) {
    const limit = Math.min(chunkSize, left);
    const rows = await read(from, inclusive, limit);
    yield* rows;
    const last = rows.at(-1);
    if (rows.length < limit || !last) return;
    from = keyOf(last);
    inclusive = false;
    left -= rows.length;
  }
}

async function* postItems(source: SitemapSource, child: SitemapChild<PostKey>, options: ChildOptions): AsyncGenerator<SitemapItemLoose> {
  const base = options.url('/');
  const rows = chunks((from: PostKey, inclusive, limit) => source.posts(from, inclusive, limit), child.from, (r) => r.key, options);
  for await (const row of rows) {
    yield {
      url: options.url(`/post/${row.slug}`),
      lastmod: row.lastmod,
      img: row.coverImage ? [{ url: new URL(row.coverImage, base).toString() }] : [],
    };
  }
}

async function* termItems(source: SitemapSource, kind: TermKind, child: SitemapChild<string>, options: ChildOptions): AsyncGenerator<SitemapItemLoose> {
  const folder = kind === 'category' ? 'categories' : 'tags';
  const rows = chunks((from: string, inclusive, limit) => source.terms(kind, from, inclusive, limit), child.from, (r) => r.slug, options);
  for await (const row of rows) yield { url: options.url(`/blog/${folder}/${row.slug}`), lastmod: row.lastmod };
}

/** A <urlset> (with the image namespace) written as `items` arrive; an error mid-way ends the stream with it. */
export function urlsetXml(items: AsyncIterable<SitemapItemLoose>, onError: (error: Error) => void = () => {}): Readable {
  const out = new SitemapStream({ xmlns: { image: true, news: false, video: false, xhtml: false } });
  pipeline(Readable.from(items), out, (error) => {
    if (error) onError(error);
  });
  return out;
}
