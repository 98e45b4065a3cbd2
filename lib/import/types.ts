// The one shape every export format is read into (lib/import/*), and the writer
// (lib/dal/imports.ts) takes. Ids are the old platform's, as strings; references between
// records use them, so a format's parser never needs a database.

export type ImportStatus = 'DRAFT' | 'SCHEDULED' | 'PUBLISHED';

export type ImportAuthor = { sourceId: string; name: string; email: string | null };

/** Quire categories are flat: a nested category keeps its own name and slug. */
export type ImportCategory = { sourceId: string; name: string; slug: string; description: string };

export type ImportPost = {
  sourceId: string;
  title: string;
  /** Wanted address; the writer takes the first free one from it. */
  slug: string;
  /** Markdown (HTML exports are converted by lib/import/html-to-markdown.ts). */
  body: string;
  excerpt: string;
  status: ImportStatus;
  publishedAt: Date | null;
  createdAt: Date;
  authorRef: string | null;
  categoryRefs: string[];
  tags: string[];
  /** Old addresses on the old site (path + query, no trailing slash) that answer 301 to the post. */
  oldPaths: string[];
  /** Why the status is not the old one (a private post, imported as a draft). */
  note?: string;
};

/** Where a comment goes: a post of the same export, (Disqus) a post of this site found by its old URL, or named by a mapping file. */
export type CommentTarget = { postRef: string } | { url: string; title: string } | { slug: string; url: string };

export type ImportComment = {
  sourceId: string;
  target: CommentTarget;
  parentRef: string | null;
  authorName: string;
  authorEmail: string | null;
  /** Markdown. */
  body: string;
  createdAt: Date;
  status: 'VISIBLE' | 'HELD';
};

export type SkippedRecord = { kind: string; sourceId: string; title: string; reason: string };

export type ImportBundle = {
  format: 'wxr' | 'ghost' | 'markdown' | 'disqus';
  /** Names the export (its site URL, forum, folder): the key of what was imported from it. */
  source: string;
  /** What the file was, for the report (e.g. "WXR 1.2", "Ghost 4.1.0"). */
  label: string;
  authors: ImportAuthor[];
  categories: ImportCategory[];
  posts: ImportPost[];
  comments: ImportComment[];
  /** Records the parser left out on purpose (pages, attachments, spam), with why. */
  skipped: SkippedRecord[];
};

export function emptyBundle(format: ImportBundle['format'], source: string, label: string): ImportBundle {
  return { format, source, label, authors: [], categories: [], posts: [], comments: [], skipped: [] };
}
