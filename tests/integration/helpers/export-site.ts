import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import type pg from 'pg';
import { scratchDatabase } from './scratch-database';

// A site with something of everything an archive holds (the seed, plus posts with revisions,
// terms, threaded comments in every status, likes, a media item with its bytes, changed
// settings, redirects, accounts with a password and with a provider), and the commands
// `npm run export` and `npm run import` run as an operator runs them.

export type Run = { status: number; stdout: string; stderr: string };

export function runScript(script: 'export' | 'import', args: string[], databaseUrl: string): Run {
  const result = spawnSync(process.execPath, [path.join('scripts', `${script}.mjs`), ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** A freshly migrated database, not seeded, not this process's DATABASE_URL. */
export function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  return scratchDatabase('restore');
}

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/** Adds to a seeded site; returns the ids the tests look at. */
export async function fillSite(db: pg.Pool): Promise<{ postId: string; slug: string; writerEmail: string }> {
  const q = (sql: string, params: unknown[] = []) => db.query(sql, params);
  await q(`INSERT INTO users (id, email, name, role, password_hash, updated_at) VALUES ('xwriter', 'writer@example.test', 'Wren Writer', 'AUTHOR', '$argon2id$v=19$m=19456,t=2,p=1$fake', now())`);
  await q(`INSERT INTO users (id, email, name, role, updated_at) VALUES ('xreader', 'reader@example.test', 'Ria Reader', 'MEMBER', now())`);
  await q(`INSERT INTO accounts (id, user_id, type, provider, provider_account_id, access_token, refresh_token) VALUES ('xacct', 'xreader', 'oauth', 'oidc', 'sub-1', 'secret-access', 'secret-refresh')`);
  await q(`INSERT INTO sessions (id, session_token, user_id, expires) VALUES ('xsess', 'secret-session', 'xreader', now() + interval '1 day')`);
  await q(`INSERT INTO categories (id, slug, name, description) VALUES ('xcat', 'field-notes', 'Field notes', 'From the field')`);
  await q(`INSERT INTO tags (id, slug, name) VALUES ('xtag', 'round-trip', 'Round trip')`);
  const body = 'A **moved** post.\n\n![A pixel](/uploads/pixel.png)\n\n- one\n- two';
  await q(
    `INSERT INTO posts (id, slug, title, excerpt, body, status, published_at, author_id, seo_title, seo_description, cover_image, cover_alt, view_count, updated_at)
     VALUES ('xpost', 'moving-day', 'Moving day', 'We moved.', $1, 'PUBLISHED', '2025-05-01T10:00:00Z', 'xwriter', 'Moving day (SEO)', 'All about moving', '/uploads/pixel.png', 'A pixel', 42, '2025-05-02T10:00:00Z')`,
    [body],
  );
  await q(`INSERT INTO posts (id, slug, title, body, status, published_at, author_id, updated_at) VALUES ('xdraft', 'half-done', 'Half done', 'Draft text', 'DRAFT', NULL, 'xwriter', now())`);
  await q(`INSERT INTO posts (id, slug, title, body, status, published_at, author_id, updated_at) VALUES ('xsoon', 'coming-soon', 'Coming soon', 'Later', 'SCHEDULED', '2031-01-01T00:00:00Z', 'xwriter', now())`);
  await q(`INSERT INTO posts (id, slug, title, body, status, published_at, author_id, deleted_at, updated_at) VALUES ('xtrash', 'thrown-away', 'Thrown away', 'Gone', 'PUBLISHED', '2024-01-01T00:00:00Z', 'xwriter', now(), now())`);
  await q(`INSERT INTO post_categories (post_id, category_id) VALUES ('xpost', 'xcat'), ('xdraft', 'xcat')`);
  await q(`INSERT INTO post_tags (post_id, tag_id) VALUES ('xpost', 'xtag')`);
  await q(`INSERT INTO post_revisions (id, post_id, author_id, title, body, created_at) VALUES ('xrev1', 'xpost', 'xwriter', 'Moving', 'First try', '2025-04-30T10:00:00Z'), ('xrev2', 'xpost', 'xwriter', 'Moving day', $1, '2025-05-01T10:00:00Z')`, [body]);
  await q(`INSERT INTO post_redirects (from_slug, post_id) VALUES ('moving', 'xpost')`);
  await q(`INSERT INTO legacy_paths (path, post_id) VALUES ('/2025/05/01/moving-day', 'xpost')`);
  // A thread: a comment, a reply, a reply to the reply; a held one and a hidden one beside it.
  const comments: [string, string | null, string | null, number, string, string, string][] = [
    ['xc1', null, null, 0, 'xreader', 'VISIBLE', 'First comment'],
    ['xc2', 'xc1', 'xc1', 1, 'xwriter', 'VISIBLE', 'A reply'],
    ['xc3', 'xc2', 'xc1', 2, 'xreader', 'VISIBLE', 'A reply to the reply'],
    ['xc4', null, null, 0, 'xreader', 'HELD', 'Waiting for a moderator'],
    ['xc5', null, null, 0, 'xreader', 'HIDDEN', 'Hidden by a moderator'],
  ];
  for (const [i, [id, parent, root, depth, author, status, text]] of comments.entries()) {
    await q(
      `INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at) VALUES ($1, 'xpost', $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, author, parent, root, depth, text, `<p>${text}</p>`, status, new Date(Date.UTC(2025, 4, 2, 10, i))],
    );
  }
  await q(`UPDATE posts SET comment_count = 3 WHERE id = 'xpost'`);
  await q(`INSERT INTO comment_likes (comment_id, user_id) VALUES ('xc1', 'xwriter'), ('xc2', 'xreader')`);
  await q(`UPDATE comments SET like_count = 1 WHERE id IN ('xc1', 'xc2')`);
  await q(`INSERT INTO post_likes (post_id, user_id) VALUES ('xpost', 'xreader'), ('xpost', 'xwriter')`);
  await q(
    `INSERT INTO media (id, path, mime_type, width, height, bytes, alt, uploader_id) VALUES ('xmedia', '/uploads/pixel.png', 'image/png', 1, 1, $1, 'A pixel', 'xwriter')`,
    [PNG.length],
  );
  await q(`INSERT INTO media_blobs (media_id, data, content_type, size, sha256) VALUES ('xmedia', $1, 'image/png', $2, $3)`, [PNG, PNG.length, createHash('sha256').update(PNG).digest('hex')]);
  await q(`INSERT INTO settings (key, value, updated_at) VALUES ('siteName', '"Moved blog"', now()), ('commentMaxDepth', '4', now()) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`);
  return { postId: 'xpost', slug: 'moving-day', writerEmail: 'writer@example.test' };
}
