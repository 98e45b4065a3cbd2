// The sitemap's data, shared by the data layer (lib/dal/sitemap*.ts) and the writer (./write.ts).

export type TermKind = 'category' | 'tag';

/** A post's place in sitemap order: (published_at, id), oldest first. */
export type PostKey = { at: string; id: string };

/** One child sitemap: its number (from 1), how many URLs, the newest lastmod in it, and its first key. */
export type SitemapChild<K> = { page: number; urls: number; lastmod: string; from: K };

export type SitemapIndexData = {
  /** The newest update of any published post: the lastmod of the home page and /blog. */
  newest: string | null;
  posts: SitemapChild<PostKey>[];
  categories: SitemapChild<string>[];
  tags: SitemapChild<string>[];
};

export type PostUrlRow = { key: PostKey; slug: string; lastmod: string; coverImage: string | null };
export type TermUrlRow = { slug: string; lastmod: string };

/** Where the writer gets its rows: cached in the app, straight from the database in tests. */
export type SitemapSource = {
  index(pageSize: number): Promise<SitemapIndexData>;
  posts(from: PostKey, inclusive: boolean, limit: number): Promise<PostUrlRow[]>;
  terms(kind: TermKind, from: string, inclusive: boolean, limit: number): Promise<TermUrlRow[]>;
};
