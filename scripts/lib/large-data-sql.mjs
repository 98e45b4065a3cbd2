// The set-based statements of the large-data generator (scripts/lib/large-data.mjs). They
// call the session-local pg_temp.lw_* helpers it creates first. Every id is 25 lowercase
// letters and digits, like a cuid, so it passes idSchema (lib/validations/ids.mjs): a
// two-letter kind and the row number, zero-padded (pg_temp.lw_id, the twin of largeId).
// Post n is lw_id('lp', n); post 1 is the newest; a batch is a range of ids.

// Comment i of post n: its post's number, then its own (ids sort by post, then by i).
const commentId = (/** @type {string} */ n, /** @type {string} */ i) => `'lc' || lpad((${n})::text, 8, '0') || lpad((${i})::text, 15, '0')`;

/** $1 commenters, $2 authors. */
export const USERS_SQL = `
  INSERT INTO users (id, email, name, role, created_at, updated_at)
  SELECT pg_temp.lw_id('lu', n), format('reader%s@large.example', n), initcap(pg_temp.lw_words(n + 900000000, 2, 0)),
         'MEMBER'::"Role", now() - make_interval(days => n % 700), now()
    FROM generate_series(1, $1::int) n
  UNION ALL
  SELECT pg_temp.lw_id('la', n), format('author%s@large.example', n), initcap(pg_temp.lw_words(n + 950000000, 2, 0)),
         'AUTHOR'::"Role", now() - interval '3650 days', now()
    FROM generate_series(1, $2::int) n`;

/**
 * $1 category slugs, $2 tag slugs (single words). Existing ones (the seed's) are kept;
 * returns the ids in the order given, and the tags' names.
 */
export const TAXONOMY_SQL = `
  WITH c AS (
    INSERT INTO categories (id, slug, name, description)
    SELECT pg_temp.lw_id('lk', k), w, initcap(w), 'Posts about ' || w || '.' FROM unnest($1::text[]) WITH ORDINALITY u(w, k)
    ON CONFLICT (slug) DO NOTHING RETURNING id, slug
  ), t AS (
    INSERT INTO tags (id, slug, name) SELECT pg_temp.lw_id('lt', k), w, w FROM unnest($2::text[]) WITH ORDINALITY u(w, k)
    ON CONFLICT (slug) DO NOTHING RETURNING id, slug, name
  )
  SELECT (SELECT array_agg(coalesce(c.id, old.id) ORDER BY u.ord)
            FROM unnest($1::text[]) WITH ORDINALITY u(slug, ord)
            LEFT JOIN c USING (slug) LEFT JOIN categories old ON old.slug = u.slug) AS category_ids,
         (SELECT array_agg(coalesce(t.id, old.id) ORDER BY u.ord)
            FROM unnest($2::text[]) WITH ORDINALITY u(slug, ord)
            LEFT JOIN t USING (slug) LEFT JOIN tags old ON old.slug = u.slug) AS tag_ids,
         (SELECT array_agg(coalesce(t.name, old.name) ORDER BY u.ord)
            FROM unnest($2::text[]) WITH ORDINALITY u(slug, ord)
            LEFT JOIN t USING (slug) LEFT JOIN tags old ON old.slug = u.slug) AS tag_names`;

// Post n's two tags (one when both picks agree): positions in the tag arrays. POSTS_SQL
// puts their names in the search document, POST_TAXONOMY_SQL links the same ones.
const tagPicks = (array) =>
  `(VALUES (1 + n % cardinality(${array})), (1 + (n * 7 + 3) % cardinality(${array})))`;

/** $1 first n, $2 last n, $3 posts in all (dates spread over ten years), $4 tag names, $5 their ids. */
export const POSTS_SQL = `
  INSERT INTO posts (id, slug, title, excerpt, body, status, published_at, created_at, updated_at,
                     reading_minutes, author_id, view_count, comment_count, search, title_search)
  SELECT id, lower(replace(title, ' ', '-')) || '-' || n, title, excerpt, body, 'PUBLISHED', published_at,
         published_at, published_at, greatest(1, round(words / 230.0))::int, pg_temp.lw_id('la', 1 + n % 10),
         pg_temp.lw_views(n), comments - comments / 100,
         quire_post_search_document(title, excerpt, tag_names, body), to_tsvector('english'::regconfig, title)
    FROM (
      SELECT n, pg_temp.lw_id('lp', n) AS id,
             initcap(pg_temp.lw_words(n * 4, 3 + n % 6, 0, 0, true)) AS title,
             initcap(left(e, 1)) || substr(e, 2) || '.' AS excerpt,
             initcap(left(b, 1)) || substr(b, 2) || '.' AS body,
             words,
             now() - interval '1 minute' - (n - 1) * interval '1 hour' * (87600.0 / $3::int) AS published_at,
             pg_temp.lw_comments(n) AS comments,
             -- in tag id order, as the trigger's function reads them (post_tags' primary key)
             (SELECT string_agg(name, ' ' ORDER BY id)
                FROM (SELECT DISTINCT ($4::text[])[t] AS name, ($5::text[])[t] AS id FROM ${tagPicks('$4::text[]')} v(t)) x) AS tag_names
        FROM generate_series($1::int, $2::int) n,
             LATERAL (SELECT 150 + (n * 37) % 350 AS words) w,
             LATERAL (SELECT pg_temp.lw_words(n * 4 + 1, 18 + n % 12, 0.35) AS e, pg_temp.lw_words(n * 4 + 2, words, 0.4, 45) AS b) t
    ) g`;

/** $1 first n, $2 last n, $3 category ids, $4 tag ids. */
export const POST_TAXONOMY_SQL = `
  WITH p AS (
    SELECT n, pg_temp.lw_id('lp', n) AS id FROM generate_series($1::int, $2::int) n
  ), c AS (
    INSERT INTO post_categories (post_id, category_id)
    SELECT id, ($3::text[])[1 + n % cardinality($3::text[])] FROM p
  )
  INSERT INTO post_tags (post_id, tag_id)
  SELECT DISTINCT id, ($4::text[])[t] FROM p, LATERAL ${tagPicks('$4::text[]')} v(t)`;

// Threads of four: comment i is top-level when i % 4 = 1, else a reply to its thread's
// first comment. Every hundredth (always a reply) waits for a moderator, so
// posts.comment_count (visible ones) = total − total / 100. Dates run from the post's
// publication (or 60 days ago) to now, in order.
/** $1 first post id, $2 last post id, $3 commenters. */
export const COMMENTS_SQL = `
  INSERT INTO comments (id, post_id, author_id, parent_id, root_id, depth, body, body_html, status, created_at)
  SELECT ${commentId('p.n', 'i')}, p.id, pg_temp.lw_id('lu', 1 + (p.n * 31 + i * 17) % $3::int),
         CASE WHEN i % 4 = 1 THEN NULL ELSE ${commentId('p.n', 'i - (i - 1) % 4')} END,
         CASE WHEN i % 4 = 1 THEN NULL ELSE ${commentId('p.n', 'i - (i - 1) % 4')} END,
         CASE WHEN i % 4 = 1 THEN 0 ELSE 1 END,
         b.body, '<p>' || b.body || '</p>',
         (CASE WHEN i % 100 = 0 THEN 'HELD' ELSE 'VISIBLE' END)::"CommentStatus",
         p.since + (now() - p.since) * (i::float8 / (p.c + 1))
    FROM (SELECT id, n, greatest(published_at, now() - interval '60 days') AS since, pg_temp.lw_comments(n) AS c
            FROM posts, LATERAL (SELECT substr(id, 3)::int AS n) x
           WHERE id BETWEEN $1 AND $2) p,
         generate_series(1, p.c) i,
         LATERAL (SELECT initcap(left(w, 1)) || substr(w, 2) || '.' AS body
                    FROM pg_temp.lw_words(p.n::bigint * 1000003 + i, (6 + (i * 7) % 30)::int, 0.4) w) b`;

// One event per (post, day, visitor); the same statement rolls them up into
// post_view_days, as the view pipeline does (posts.view_count was written with the post).
/** $1 first post id, $2 last post id, $3 days. */
export const VIEWS_SQL = `
  WITH ins AS (
    INSERT INTO post_view_events (post_id, day, visitor_hash, created_at)
    SELECT p.id, current_date - (k % $3::int)::int, sha256(int8send(p.n::bigint * 100000000 + k)),
           least(now(), (current_date - (k % $3::int)::int)::timestamp + make_interval(secs => (k * 7919) % 86400))
      FROM (SELECT id, substr(id, 3)::int AS n FROM posts WHERE id BETWEEN $1 AND $2) p,
           generate_series(1, pg_temp.lw_views(p.n)) k
    RETURNING post_id, day
  ), days AS (
    INSERT INTO post_view_days (post_id, day, views) SELECT post_id, day, count(*)::int FROM ins GROUP BY 1, 2
  )
  SELECT count(*)::bigint AS events FROM ins`;
