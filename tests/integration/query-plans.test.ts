import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { threadsSql } from '../../lib/dal/comments';
import { relatedSql, textQuerySql } from '../../lib/dal/related-query';
import { searchSql } from '../../lib/dal/search-query';
import { postChildrenSql } from '../../lib/dal/sitemap-queries';
import { generateLargeData, HOT_POST_ID, largePostId } from '../../scripts/lib/large-data.mjs';
import { scratchDatabase } from './helpers/scratch-database';

// The hot queries use their indexes on tables of a realistic shape: a scratch database
// filled by the large-site generator (set-based, smaller sizes), then EXPLAIN (FORMAT JSON)
// of each query. Plans, not times: which node types read which index. The search query is
// the DAL's own statement (searchSql); the others are the SQL the DAL's Prisma calls send.

const SIZES = { posts: 3000, comments: 80_000, hotComments: 4000, viewEvents: 150_000 };
// Whether the planner hashes a whole subquery depends on it fitting in work_mem: scaled down
// with the tables (80,000 comments of a 1,000,000 site, default 4 MB), so the comments plans
// are the ones a full-size site gets (checked with EXPLAIN ANALYZE on 1,000,000 comments).
const SCALED_WORK_MEM = '320kB';

type PlanNode = { 'Node Type': string; 'Index Name'?: string; 'Relation Name'?: string; Plans?: PlanNode[] };
type Read = { type: string; index?: string; relation?: string };

let url: string;
let client: pg.Client;
let drop: (() => Promise<void>) | undefined;

before(async () => {
  ({ url, drop } = await scratchDatabase('plans'));
  client = new pg.Client({ connectionString: url });
  await client.connect();
  const { written, timings } = await generateLargeData(client, SIZES);
  await client.query(`SET work_mem = '${SCALED_WORK_MEM}'`);
  console.log(`# plan test data: ${JSON.stringify(written)} in ${JSON.stringify(timings)} ms`);
});

after(async () => {
  await client?.end();
  await drop?.();
});

/** Every node of the plan that reads a table or an index. */
async function reads(sql: string, values: unknown[] = []): Promise<Read[]> {
  const { rows } = await client.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
  const out: Read[] = [];
  const walk = (node: PlanNode) => {
    if (node['Relation Name'] || node['Index Name']) out.push({ type: node['Node Type'], index: node['Index Name'], relation: node['Relation Name'] });
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(rows[0]['QUERY PLAN'][0].Plan);
  return out;
}

const indexes = (plan: Read[]) => new Set(plan.flatMap((r) => (r.index ? [r.index] : [])));
const seqScans = (plan: Read[]) => plan.filter((r) => r.type === 'Seq Scan').map((r) => r.relation);

const VISIBLE = `status IN ('PUBLISHED', 'SCHEDULED') AND published_at <= now() AND deleted_at IS NULL`;

test('a post by slug reads the slug index', async () => {
  const { rows } = await client.query('SELECT slug FROM posts WHERE id = $1', [largePostId(2000)]);
  const plan = await reads(`SELECT id, title, body FROM posts WHERE slug = $1 AND ${VISIBLE} LIMIT 1`, [rows[0].slug]);
  assert.deepEqual(seqScans(plan), []);
  assert.ok(indexes(plan).has('posts_slug_key'), JSON.stringify(plan));
});

test('the blog list, first and deep pages, walks the (published_at, id) index from the cursor', async () => {
  const first = await reads(`SELECT id, slug, title FROM posts WHERE ${VISIBLE} ORDER BY published_at DESC, id DESC LIMIT 10`);
  assert.deepEqual(seqScans(first), []);
  assert.ok(indexes(first).has('posts_published_at_id_idx'), JSON.stringify(first));
  const { rows } = await client.query('SELECT published_at, id FROM posts WHERE id = $1', [largePostId(2500)]);
  const deep = await reads(
    `SELECT id, slug, title FROM posts WHERE ${VISIBLE} AND published_at <= $1 AND (published_at < $1 OR (published_at = $1 AND id < $2))
      ORDER BY published_at DESC, id DESC LIMIT 10`,
    [rows[0].published_at, rows[0].id],
  );
  assert.deepEqual(seqScans(deep), []);
  assert.ok(indexes(deep).has('posts_published_at_id_idx'), JSON.stringify(deep));
});

test('search, common, two-word and rare, finds candidates through an index and never scans posts', async () => {
  for (const query of ['project', 'project team', 'clavichord', 'saxophone lantern']) {
    for (const page of [1, 3]) {
      const sql = searchSql(query, page);
      const plan = await reads(sql.text, sql.values);
      assert.deepEqual(seqScans(plan), [], `${query} p${page}: ${JSON.stringify(plan)}`);
      const used = indexes(plan);
      assert.ok(used.has('posts_search_idx') || used.has('posts_published_at_id_idx'), `${query}: matches via ${[...used]}`);
      assert.ok(used.has('posts_title_search_idx') || used.has('posts_published_at_id_idx'), `${query}: title matches via ${[...used]}`);
      assert.ok(used.has('posts_pkey'), `${query}: candidates joined by primary key (${[...used]})`);
    }
  }
  const rare = searchSql('clavichord', 1);
  const rarePlan = await reads(rare.text, rare.values);
  assert.ok(
    rarePlan.some((r) => r.type === 'Bitmap Index Scan' && r.index === 'posts_search_idx'),
    `a rare word is found through the GIN index: ${JSON.stringify(rarePlan)}`,
  );
});

test('related posts: each shared term read from its link index alone, candidates by primary key, text matches by GIN or the date index', async () => {
  const text = textQuerySql(largePostId(1500));
  const { rows } = await client.query<{ query: string | null }>(text.text, text.values);
  const common = relatedSql(largePostId(1500), rows[0]?.query ?? null);
  const plan = await reads(common.text, common.values);
  assert.deepEqual(seqScans(plan), [], JSON.stringify(plan));
  const used = indexes(plan);
  for (const index of ['post_tags_tag_id_post_id_idx', 'post_categories_category_id_post_id_idx', 'posts_pkey']) assert.ok(used.has(index), `${index}: ${[...used]}`);
  assert.ok(used.has('posts_search_idx') || used.has('posts_published_at_id_idx'), `text matches via ${[...used]}`);
  const rare = relatedSql(largePostId(1500), "'clavichordzq'");
  const rarePlan = await reads(rare.text, rare.values);
  assert.ok(rarePlan.some((r) => r.type === 'Bitmap Index Scan' && r.index === 'posts_search_idx'), `a rare word through the GIN index: ${JSON.stringify(rarePlan)}`);
});

const SHOWN = `(c.status = 'VISIBLE' OR (c.status IN ('DELETED', 'HIDDEN') AND EXISTS (
    SELECT 1 FROM comments r WHERE r.root_id = c.id AND r.status = 'VISIBLE')))`;
const onlyIndex = (plan: Read[], index: string) => plan.some((r) => r.type === 'Index Only Scan' && r.index === index);

test('a page of comments of the post with thousands: its threads counted and paged from one index alone, replies by root', async () => {
  const count = await reads(`SELECT count(*)::int FROM comments c WHERE c.post_id = $1 AND c.depth = 0 AND ${SHOWN}`, [HOT_POST_ID]);
  const newest = await reads(
    `SELECT c.id FROM comments c WHERE c.post_id = $1 AND c.depth = 0 AND ${SHOWN} ORDER BY c.created_at DESC, c.id DESC LIMIT 50 OFFSET 950`,
    [HOT_POST_ID],
  );
  const oldest = await reads(
    `SELECT c.id FROM comments c WHERE c.post_id = $1 AND c.depth = 0 AND ${SHOWN} ORDER BY c.created_at ASC, c.id ASC LIMIT 50 OFFSET 50`,
    [HOT_POST_ID],
  );
  const top = await reads(
    `SELECT c.id FROM comments c WHERE c.post_id = $1 AND c.depth = 0 AND ${SHOWN} ORDER BY c.like_count DESC, c.created_at DESC, c.id DESC LIMIT 50 OFFSET 50`,
    [HOT_POST_ID],
  );
  const { rows } = await client.query(`SELECT array_agg(id) AS ids FROM (SELECT id FROM comments WHERE post_id = $1 AND parent_id IS NULL LIMIT 50) x`, [HOT_POST_ID]);
  // The DAL's own statement (threadsOf): the page's threads by id, their replies by root, with their authors.
  const threads = threadsSql(rows[0].ids);
  const replies = await reads(threads.text, threads.values);
  for (const [name, plan] of Object.entries({ count, newest, oldest, top, replies })) {
    assert.deepEqual(seqScans(plan), [], `${name}: ${JSON.stringify(plan)}`);
  }
  for (const [name, plan] of Object.entries({ count, newest, oldest })) {
    assert.ok(onlyIndex(plan, 'comments_post_id_depth_created_at_id_status_idx'), `${name}: ${JSON.stringify(plan)}`);
  }
  assert.ok(onlyIndex(top, 'comments_post_id_depth_like_count_created_at_id_status_idx'), JSON.stringify(top));
  assert.ok(indexes(replies).has('comments_root_id_created_at_idx'), JSON.stringify(replies));
  assert.ok(indexes(replies).has('comments_pkey'), JSON.stringify(replies));
  assert.ok(indexes(replies).has('users_pkey'), `each author by primary key: ${JSON.stringify(replies)}`);
});

test('the thread count and page read no table rows: depth 0 is exactly the comments without a parent', async () => {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM comments WHERE (depth = 0) <> (parent_id IS NULL)`);
  assert.equal(rows[0].n, 0);
  const explained = await client.query(
    `EXPLAIN (ANALYZE, FORMAT JSON) SELECT count(*) FROM comments c WHERE c.post_id = $1 AND c.depth = 0 AND ${SHOWN}`,
    [HOT_POST_ID],
  );
  const fetches: number[] = [];
  const walk = (node: PlanNode & { 'Heap Fetches'?: number }) => {
    if (node['Heap Fetches'] !== undefined) fetches.push(node['Heap Fetches']);
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(explained.rows[0]['QUERY PLAN'][0].Plan);
  assert.deepEqual(fetches, [0], 'an index-only scan that visited no heap page (the table is vacuumed)');
});

test("admin stats: the site's series and totals read the per-day rollups; top posts walk the windows' indexes", async () => {
  const postViews = await reads(`SELECT day, sum(views)::int FROM post_view_days WHERE day BETWEEN current_date - 29 AND current_date AND post_id = $1 GROUP BY day`, [HOT_POST_ID]);
  assert.deepEqual(seqScans(postViews), []);
  assert.ok(indexes(postViews).has('post_view_days_pkey'), JSON.stringify(postViews));
  // The site: one row per day, never post_view_days or comments.
  const site = await reads(`
    SELECT calendar.day, v.views, c.visible, c.held, c.hidden
      FROM generate_series(current_date - 29, current_date, interval '1 day') AS calendar(day)
      LEFT JOIN site_view_days v ON v.day = calendar.day::date LEFT JOIN site_comment_days c ON c.day = calendar.day::date`);
  const totals = await reads(`SELECT (SELECT sum(views) FROM site_view_days), (SELECT sum(visible) FROM site_comment_days)`);
  for (const plan of [site, totals]) {
    const tables = new Set(plan.map((r) => r.relation));
    assert.ok(!tables.has('post_view_days') && !tables.has('comments') && !tables.has('posts'), JSON.stringify(plan));
  }
  const published = await reads(`SELECT count(*) FROM posts WHERE ${VISIBLE}`);
  assert.ok(onlyIndex(published, 'posts_status_published_at_deleted_at_idx'), JSON.stringify(published));
  for (const column of ['views_7', 'views_30', 'views_90', 'views_all']) {
    const plan = await reads(`
      SELECT p.slug, p.title, w.${column}
        FROM post_view_windows w JOIN posts p ON p.id = w.post_id
       WHERE p.deleted_at IS NULL AND w.${column} > 0 ORDER BY w.${column} DESC, w.post_id LIMIT 10`);
    assert.deepEqual(seqScans(plan), [], `${column}: ${JSON.stringify(plan)}`);
    assert.ok(indexes(plan).has(`post_view_windows_${column}_post_id_idx`), `${column}: ${JSON.stringify(plan)}`);
    assert.ok(indexes(plan).has('posts_pkey'), `${column}: ${JSON.stringify(plan)}`);
  }
});

test('admin lists: posts by last change and the moderation queue walk their indexes from the newest', async () => {
  const posts = await reads(`SELECT id, title FROM posts WHERE deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 31`);
  assert.ok(indexes(posts).has('posts_updated_at_id_idx'), JSON.stringify(posts));
  const own = await reads(`SELECT id, title FROM posts WHERE deleted_at IS NULL AND author_id = 'lu1' ORDER BY updated_at DESC, id DESC LIMIT 31`);
  const drafts = await reads(`SELECT id, title FROM posts WHERE status = 'DRAFT' AND deleted_at IS NULL ORDER BY updated_at DESC, id DESC LIMIT 31`);
  const all = await reads(`SELECT id, body FROM comments WHERE status <> 'DELETED' ORDER BY created_at DESC, id DESC LIMIT 51`);
  assert.ok(indexes(all).has('comments_created_at_id_idx'), JSON.stringify(all));
  const held = await reads(`SELECT id, body FROM comments WHERE status = 'HELD' ORDER BY created_at DESC, id DESC LIMIT 51`);
  assert.ok(indexes(held).has('comments_status_created_at_idx'), JSON.stringify(held));
  for (const [name, plan] of Object.entries({ posts, own, drafts, all, held })) assert.deepEqual(seqScans(plan), [], `${name}: ${JSON.stringify(plan)}`);
});

test("the sitemap index ranks live posts and takes each child's lastmod from one index alone, in order", async () => {
  const sql = postChildrenSql(1000);
  const plan = await reads(sql.text, sql.values);
  assert.deepEqual(plan, [{ type: 'Index Only Scan', index: 'posts_sitemap_idx', relation: 'posts' }]);
});
