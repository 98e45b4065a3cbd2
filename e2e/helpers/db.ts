import pg from 'pg';

// The test database (DATABASE_URL, set by scripts/test.mjs): the numbers the pages only
// show through a cache (view counts lag by seconds on screen), and failures made to order.

let pool: pg.Pool | undefined;

function getPool(): pg.Pool {
  const connectionString = process.env.DATABASE_URL;
  if (!connectionString) throw new Error('e2e: DATABASE_URL is not set; run the e2e tests through `npm run test:e2e`');
  // allowExitOnIdle: a worker must not stay alive because of idle connections.
  pool ??= new pg.Pool({ connectionString, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  return pool;
}

export type PostRow = { id: string; viewCount: number; readingMinutes: number };

export async function getPost(slug: string): Promise<PostRow> {
  const { rows } = await getPool().query<{ id: string; view_count: number; reading_minutes: number }>(
    'SELECT id, view_count, reading_minutes FROM posts WHERE slug = $1',
    [slug],
  );
  const row = rows[0];
  if (!row) throw new Error(`e2e: no post with slug ${slug} (is the database seeded?)`);
  return { id: row.id, viewCount: row.view_count, readingMinutes: row.reading_minutes };
}

export async function getViewCount(slug: string): Promise<number> {
  return (await getPost(slug)).viewCount;
}

/** Stored view events of a post (one per visitor per UTC day). */
export async function getViewEventCount(slug: string): Promise<number> {
  const { rows } = await getPool().query<{ n: number }>(
    'SELECT count(*)::int AS n FROM post_view_events e JOIN posts p ON p.id = e.post_id WHERE p.slug = $1',
    [slug],
  );
  return rows[0]?.n ?? 0;
}

const PUBLISHED = "p.status IN ('PUBLISHED', 'SCHEDULED') AND p.published_at <= now() AND p.deleted_at IS NULL";

/** Published posts in a category or with a tag, newest first. */
export async function getPublishedSlugs(filter: { category: string } | { tag: string }): Promise<string[]> {
  const sql =
    'category' in filter
      ? `SELECT p.slug FROM posts p JOIN post_categories pc ON pc.post_id = p.id JOIN categories c ON c.id = pc.category_id
          WHERE c.slug = $1 AND ${PUBLISHED} ORDER BY p.published_at DESC, p.id DESC`
      : `SELECT p.slug FROM posts p JOIN post_tags pt ON pt.post_id = p.id JOIN tags t ON t.id = pt.tag_id
          WHERE t.slug = $1 AND ${PUBLISHED} ORDER BY p.published_at DESC, p.id DESC`;
  const { rows } = await getPool().query<{ slug: string }>(sql, ['category' in filter ? filter.category : filter.tag]);
  return rows.map((r) => r.slug);
}

/**
 * Makes the database refuse every change of the post's status or date (a trigger that
 * raises, so a publish fails in its last write) until the returned function drops it.
 */
export async function failStateChanges(postId: string): Promise<() => Promise<void>> {
  return failPostUpdates(postId, 'NEW.status IS DISTINCT FROM OLD.status OR NEW.published_at IS DISTINCT FROM OLD.published_at');
}

/** Like failStateChanges, for every update of the post (a save, a restored revision). */
export async function failPostUpdates(postId: string, when = 'true'): Promise<() => Promise<void>> {
  if (!/^[a-z0-9]+$/.test(postId)) throw new Error(`e2e: not a post id: ${postId}`);
  const name = `e2e_fail_${postId}`;
  await getPool().query(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected by e2e'; END $$`);
  await getPool().query(`CREATE TRIGGER ${name} BEFORE UPDATE ON posts FOR EACH ROW WHEN (NEW.id = '${postId}' AND (${when})) EXECUTE FUNCTION ${name}()`);
  return async () => {
    await getPool().query(`DROP FUNCTION IF EXISTS ${name}() CASCADE`);
  };
}
