// What a Quire archive (`npm run export`) holds: the site's tables in the order a restore
// writes them (every row after the rows it points to), each read in pages by a unique key.
// Left out on purpose: sign-in secrets (OAuth tokens, sessions, verification tokens),
// password hashes unless asked for, and what is per-visitor or short-lived (view
// events and salts, rate limits, form flashes, reply-notification throttles, reports).

export type TableSpec = {
  /** The table's name in PostgreSQL (a constant here, never user input). */
  name: string;
  /** Columns that order the table uniquely: pages are read by keyset on them. */
  key: readonly string[];
  /** Columns never written into the archive (derived by triggers, or secret). */
  omit: readonly string[];
  /** A restore upserts instead of inserting (rows a fresh database may already have). */
  upsertOn?: string;
  /** Rows per read and per restore batch, when not 500: an upload may be megabytes. */
  page?: number;
};

export const PAGE = 500;

export const TABLES: readonly TableSpec[] = [
  { name: 'users', key: ['id'], omit: ['password_hash'] },
  // Which provider account is whose, so OAuth sign-in finds its user again; never the tokens.
  { name: 'accounts', key: ['id'], omit: ['refresh_token', 'access_token', 'expires_at', 'token_type', 'scope', 'id_token', 'session_state'] },
  { name: 'settings', key: ['key'], omit: [], upsertOn: 'key' },
  { name: 'categories', key: ['id'], omit: [] },
  { name: 'tags', key: ['id'], omit: [] },
  // search and title_search are kept by the posts' triggers, refilled on restore.
  { name: 'posts', key: ['id'], omit: ['search', 'title_search'] },
  { name: 'post_categories', key: ['post_id', 'category_id'], omit: [] },
  { name: 'post_tags', key: ['post_id', 'tag_id'], omit: [] },
  { name: 'post_revisions', key: ['id'], omit: [] },
  { name: 'post_redirects', key: ['from_slug'], omit: [] },
  { name: 'taxonomy_redirects', key: ['kind', 'from_slug'], omit: [] },
  { name: 'legacy_paths', key: ['path'], omit: [] },
  { name: 'import_sources', key: ['source', 'kind', 'source_id'], omit: [] },
  { name: 'media', key: ['id'], omit: [] },
  // The bytes, base64 in the archive (lib/export/archive.ts).
  { name: 'media_blobs', key: ['media_id'], omit: [], page: 10 },
  // A reply is deeper than its parent: by depth first, every parent is written before its replies.
  { name: 'comments', key: ['depth', 'id'], omit: [] },
  { name: 'comment_likes', key: ['comment_id', 'user_id'], omit: [] },
  { name: 'post_likes', key: ['post_id', 'user_id'], omit: [] },
  { name: 'post_view_days', key: ['post_id', 'day'], omit: [] },
];

export const tableNames = TABLES.map((t) => t.name);
