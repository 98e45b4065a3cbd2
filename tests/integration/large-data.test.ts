import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { generateLargeData, HOT_POST_ID } from '../../scripts/lib/large-data.mjs';
import { isId } from '../../lib/validations/ids.mjs';
import { scratchDatabase } from './helpers/scratch-database';

// What `npm run seed:large` writes (scripts/lib/large-data.mjs), at a small size: counters,
// rollups and search documents agree with the rows, and every id is one the site accepts.
// tests/integration/query-plans.test.ts reads the plans on a larger set.

const SIZES = { posts: 400, comments: 8000, hotComments: 600, viewEvents: 12_000 };

let client: pg.Client;
let drop: (() => Promise<void>) | undefined;

before(async () => {
  const scratch = await scratchDatabase('large');
  drop = scratch.drop;
  client = new pg.Client({ connectionString: scratch.url });
  await client.connect();
  await generateLargeData(client, SIZES);
});

after(async () => {
  await client?.end();
  await drop?.();
});

test('the generated site is consistent: counters match their rows, search documents match the triggers', async () => {
  const { rows } = await client.query(`
    SELECT (SELECT count(*) FROM posts WHERE id LIKE 'lp%')::int AS posts,
           (SELECT count(*) FROM comments WHERE post_id LIKE 'lp%')::int AS comments,
           (SELECT count(*) FROM comments WHERE post_id = $1)::int AS hot,
           (SELECT count(*) FROM post_view_events)::int AS events,
           (SELECT sum(views) FROM post_view_days)::int AS day_views,
           (SELECT sum(views) FROM site_view_days)::int AS site_views,
           (SELECT sum(views_all) FROM post_view_windows)::int AS window_views,
           (SELECT sum(visible + held + hidden) FROM site_comment_days)::int AS site_comments,
           (SELECT count(*) FROM posts p WHERE id LIKE 'lp%' AND (
              view_count <> (SELECT count(*) FROM post_view_events e WHERE e.post_id = p.id)
              OR comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id AND c.status = 'VISIBLE')))::int AS wrong_counters,
           (SELECT count(*) FROM posts WHERE search IS DISTINCT FROM quire_post_search_vector(title, excerpt, body, id)
              OR title_search IS DISTINCT FROM to_tsvector('english', title))::int AS wrong_documents,
           (SELECT count(*) FROM comments c JOIN comments parent ON parent.id = c.parent_id
             WHERE c.post_id <> parent.post_id OR c.root_id IS DISTINCT FROM parent.id OR c.depth <> 1)::int AS wrong_replies,
           (SELECT count(*) FROM pg_trigger WHERE tgname IN ('posts_search_update', 'post_tags_search_update') AND tgenabled = 'O')::int AS triggers_on`,
    [HOT_POST_ID],
  );
  assert.deepEqual(rows[0], {
    posts: SIZES.posts,
    comments: SIZES.comments,
    hot: SIZES.hotComments,
    events: SIZES.viewEvents,
    day_views: SIZES.viewEvents,
    site_views: SIZES.viewEvents,
    window_views: SIZES.viewEvents,
    site_comments: SIZES.comments,
    wrong_counters: 0,
    wrong_documents: 0,
    wrong_replies: 0,
    triggers_on: 2,
  });
});

test('every id the generator writes is one the site accepts (idSchema), so its pages and forms open', async () => {
  const { rows } = await client.query<{ id: string }>(`
    SELECT id FROM users WHERE email LIKE '%@large.example'
    UNION ALL SELECT id FROM posts WHERE id LIKE 'lp%'
    UNION ALL (SELECT id FROM comments WHERE post_id LIKE 'lp%' LIMIT 1000)
    UNION ALL SELECT id FROM categories UNION ALL SELECT id FROM tags`);
  assert.ok(rows.length > SIZES.posts, `${rows.length} ids`);
  assert.deepEqual(rows.filter((r) => !isId(r.id)), []);
  assert.equal(HOT_POST_ID.length, 25);
});
