import type { SkippedRecord } from './types';

// What an import did, per kind of record: the CLI prints it, the tests read it.

export const KINDS = ['authors', 'commenters', 'categories', 'tags', 'posts', 'comments', 'redirects'] as const;
export type Kind = (typeof KINDS)[number];
export type Counts = Record<Kind, number>;

export type ImportReport = {
  created: Counts;
  updated: Counts;
  /** Already imported by an earlier run and the same now: left as they are. */
  unchanged: Counts;
  /** Matched to an account or term that was on this site already (by email or slug). */
  matched: Counts;
  skipped: SkippedRecord[];
  notes: string[];
  /** Public cache tags (lib/cache-tags.ts) the import touched. */
  tags: string[];
};

const zero = (): Counts => ({ authors: 0, commenters: 0, categories: 0, tags: 0, posts: 0, comments: 0, redirects: 0 });

export function emptyReport(): ImportReport {
  return { created: zero(), updated: zero(), unchanged: zero(), matched: zero(), skipped: [], notes: [], tags: [] };
}

/** How many records the writer goes through, for the progress bar. */
export function workOf(bundles: { authors: unknown[]; categories: unknown[]; posts: unknown[]; comments: unknown[] }[]): number {
  return bundles.reduce((n, b) => n + b.authors.length + b.categories.length + b.posts.length + b.comments.length, 0);
}
