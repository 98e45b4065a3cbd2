// @ts-check
// A large site generated set-based (INSERT … SELECT generate_series, never a row per
// statement), for `npm run seed:large`, the bench's large site and the plan test.
// Everything is a pure function of the row number (hashint8, no random()), so two runs with
// the same sizes write the same site. Counters the pages read (posts.view_count,
// posts.comment_count, post_view_days) are written consistent with the rows they count.
// posts.search is computed in the INSERT through quire_post_search_document (the function
// the triggers use), and title_search as the trigger does, with the per-row search triggers
// off for that transaction only.
import { CONTENT_WORDS, FUNCTION_WORDS } from './vocabulary.mjs';
import { COMMENTS_SQL, POST_TAXONOMY_SQL, POSTS_SQL, TAXONOMY_SQL, USERS_SQL, VIEWS_SQL } from './large-data-sql.mjs';

export const LARGE_DEFAULTS = { posts: 100_000, comments: 1_000_000, hotComments: 20_000, viewEvents: 10_000_000 };

/**
 * The large site's ids: a two-letter kind and the row number, zero-padded to 25 characters
 * like a cuid (they pass idSchema, lib/validations/ids.mjs). pg_temp.lw_id is its SQL twin.
 */
export const largeId = (/** @type {string} */ kind, /** @type {number} */ n) => `${kind}${String(n).padStart(23, '0')}`;
/** Post n's id; post 1, the newest, carries the hot comment thread. */
export const largePostId = (/** @type {number} */ n) => largeId('lp', n);
export const HOT_POST_ID = largePostId(1);

/** Days (today included, UTC) the generated view events are spread over. */
export const VIEW_DAYS = 60;
const COMMENTERS = 1000;
const AUTHORS = 10;

/**
 * @typedef {{ posts: number, comments: number, hotComments: number, viewEvents: number }} LargeSizes
 * @typedef {{ query(text: string, values?: unknown[]): Promise<{ rows: any[], rowCount: number | null }> }} Client
 * @typedef {(part: string, done: number, total: number) => void} OnProgress
 */

/** A refusal whose message is the whole story (bad sizes, a database already filled). */
export class LargeDataError extends Error {}

/** Throws a one-line error when the sizes cannot make a consistent site. */
export function checkSizes(/** @type {LargeSizes} */ s) {
  for (const [name, value] of Object.entries(s)) {
    if (!Number.isSafeInteger(value) || value < 0) throw new LargeDataError(`${name} must be a whole number ≥ 0 (got ${value})`);
  }
  if (s.posts < 2) throw new LargeDataError('posts must be at least 2 (post 1 carries the hot thread)');
  if (s.posts > 99_999_999) throw new LargeDataError('posts must be below 100,000,000');
  if (s.hotComments > s.comments) throw new LargeDataError('hot-comments cannot exceed comments');
}

// The deterministic helpers, session-local (pg_temp), sizes baked in. lw_unit: a number in
// [0, 1) from a seed. lw_words: n words, a `filler` share of them function words, the rest
// over the ranked content words with Pareto odds (index k = ⌊5 / (1 − u)⌋ − 4, wrapped), so
// word k turns up about (5 / (k + 4))² as often as word 1: at 100,000 posts the first words
// are in nearly every post, the last ones in well under 1%. Titles (flat) draw evenly. lw_comments / lw_views: how many rows post n gets, exact
// totals: the cumulative count F(x) = total · (1 − (1 − x)²) favours newer posts.
function helpersSql(/** @type {LargeSizes} */ s) {
  const array = (/** @type {string[]} */ words) => {
    for (const w of words) if (!/^[a-z]+$/.test(w)) throw new Error(`vocabulary word "${w}" must be lowercase letters`);
    return `ARRAY[${words.map((w) => `'${w}'`).join(',')}]::text[]`;
  };
  const cumulative = (/** @type {string} */ total, /** @type {string} */ x, /** @type {string} */ of) =>
    `floor(${total}::float8 * (1 - (1 - (${x})::float8 / ${of}) ^ 2))::bigint`;
  const rest = s.comments - s.hotComments;
  return `
    CREATE OR REPLACE FUNCTION pg_temp.lw_id(kind text, n bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
      $$ SELECT kind || lpad(n::text, 23, '0') $$;
    CREATE OR REPLACE FUNCTION pg_temp.lw_unit(seed bigint) RETURNS float8 LANGUAGE sql IMMUTABLE AS
      $$ SELECT (hashint8(seed) & 2147483647)::float8 / 2147483648 $$;
    CREATE OR REPLACE FUNCTION pg_temp.lw_words(seed bigint, n int, filler float8, paragraph int DEFAULT 0, flat boolean DEFAULT false) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
      SELECT string_agg(
        CASE WHEN pg_temp.lw_unit(seed * 131071 + i * 2) < filler
          THEN fw[1 + floor(pg_temp.lw_unit(seed * 131071 + i * 2 + 1) * cardinality(fw))::int]
          WHEN flat THEN cw[1 + floor(pg_temp.lw_unit(seed * 131071 + i * 2 + 1) * cardinality(cw))::int]
          ELSE cw[1 + ((floor(5 / (1 - pg_temp.lw_unit(seed * 131071 + i * 2 + 1)))::bigint - 5) % cardinality(cw))::int]
        END,
        CASE WHEN paragraph > 0 AND i % paragraph = 1 THEN E'.\\n\\n' ELSE ' ' END ORDER BY i)
      FROM generate_series(1, n) i, (SELECT ${array(FUNCTION_WORDS)} AS fw, ${array(CONTENT_WORDS)} AS cw) v
    $$;
    CREATE OR REPLACE FUNCTION pg_temp.lw_comments(n int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
      SELECT CASE WHEN n = 1 THEN ${s.hotComments}::bigint
        ELSE ${cumulative(String(rest), 'n - 1', String(s.posts - 1))} - ${cumulative(String(rest), 'n - 2', String(s.posts - 1))} END
    $$;
    CREATE OR REPLACE FUNCTION pg_temp.lw_views(n int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
      SELECT ${cumulative(String(s.viewEvents), 'n', String(s.posts))} - ${cumulative(String(s.viewEvents), 'n - 1', String(s.posts))}
    $$;`;
}

/** Post batches [lo, hi] holding about `rowsPerBatch` rows of a per-post count. */
function batches(/** @type {number} */ posts, /** @type {number} */ perPost, /** @type {number} */ rowsPerBatch) {
  const size = Math.max(1, Math.min(posts, Math.floor(rowsPerBatch / Math.max(perPost, 1))));
  /** @type {[number, number][]} */
  const out = [];
  for (let lo = 1; lo <= posts; lo += size) out.push([lo, Math.min(posts, lo + size - 1)]);
  return out;
}

/** Runs each batch in its own transaction, reporting rows done after each. */
async function inBatches(
  /** @type {Client} */ client,
  /** @type {string} */ part,
  /** @type {[number, number][]} */ ranges,
  /** @type {(lo: number, hi: number) => Promise<number>} */ run,
  /** @type {number} */ total,
  /** @type {OnProgress} */ onProgress,
) {
  let done = 0;
  onProgress(part, 0, total);
  for (const [lo, hi] of ranges) {
    await client.query('BEGIN');
    try {
      done += await run(lo, hi);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
    onProgress(part, Math.min(done, total), total);
  }
  return done;
}

/**
 * Writes the large site into the database `client` is connected to (migrated; seeded or
 * not). Returns the rows written and the milliseconds each part took.
 * @param {Client} client one connection: the helpers are session-local
 * @param {LargeSizes} sizes
 * @param {{ onProgress?: OnProgress, analyze?: boolean }} [options]
 */
export async function generateLargeData(client, sizes, { onProgress = () => {}, analyze = true } = {}) {
  checkSizes(sizes);
  const { rows: present } = await client.query('SELECT 1 FROM posts WHERE id = $1', [HOT_POST_ID]);
  if (present.length > 0) throw new LargeDataError(`this database already holds the large site (post ${HOT_POST_ID}): reset it first (node scripts/db.mjs reset)`);
  /** @type {Record<string, number>} */
  const timings = {};
  const timed = async (/** @type {string} */ part, /** @type {() => Promise<any>} */ fn) => {
    const start = performance.now();
    const result = await fn();
    timings[part] = Math.round(performance.now() - start);
    return result;
  };
  await client.query("SET TIME ZONE 'UTC'");
  await client.query(helpersSql(sizes));

  const taxonomy = await timed('users and taxonomy', async () => {
    await client.query(USERS_SQL, [COMMENTERS, AUTHORS]);
    const { rows } = await client.query(TAXONOMY_SQL, [CONTENT_WORDS.slice(0, 12), CONTENT_WORDS.slice(12, 52)]);
    return rows[0];
  });
  const postBatches = batches(sizes.posts, 1, 2000);
  await timed('posts', () =>
    inBatches(client, 'posts', postBatches, async (lo, hi) => {
      // Off for this transaction only (SHARE ROW EXCLUSIVE: readers go on): search is computed below.
      await client.query('ALTER TABLE posts DISABLE TRIGGER posts_search_update');
      await client.query('ALTER TABLE post_tags DISABLE TRIGGER post_tags_search_update');
      const { rowCount } = await client.query(POSTS_SQL, [lo, hi, sizes.posts, taxonomy.tag_names, taxonomy.tag_ids]);
      await client.query(POST_TAXONOMY_SQL, [lo, hi, taxonomy.category_ids, taxonomy.tag_ids]);
      await client.query('ALTER TABLE post_tags ENABLE TRIGGER post_tags_search_update');
      await client.query('ALTER TABLE posts ENABLE TRIGGER posts_search_update');
      return rowCount ?? 0;
    }, sizes.posts, onProgress),
  );
  const perPost = (/** @type {number} */ total) => Math.ceil(total / sizes.posts);
  const written = {
    posts: sizes.posts,
    comments: await timed('comments', () =>
      inBatches(client, 'comments', batches(sizes.posts, perPost(sizes.comments), 50_000), async (lo, hi) => {
        const { rowCount } = await client.query(COMMENTS_SQL, [largePostId(lo), largePostId(hi), COMMENTERS]);
        return rowCount ?? 0;
      }, sizes.comments, onProgress),
    ),
    viewEvents: await timed('view events', () =>
      inBatches(client, 'view events', batches(sizes.posts, perPost(sizes.viewEvents), 500_000), async (lo, hi) => {
        const { rows } = await client.query(VIEWS_SQL, [largePostId(lo), largePostId(hi), VIEW_DAYS]);
        return Number(rows[0]?.events ?? 0);
      }, sizes.viewEvents, onProgress),
    ),
  };
  if (analyze) {
    await timed('vacuum analyze', () =>
      client.query('VACUUM (ANALYZE) users, categories, tags, posts, post_categories, post_tags, comments, post_view_events, post_view_days'),
    );
  }
  return { written, timings };
}
