import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/permissions';
import { TASKS } from '../../lib/validations/job-payloads';
import { addDays, utcDay } from '../../lib/stats/scale';
import { createViewStore, type ViewStore } from '../../lib/views/store.mjs';
import { createAuthor, createPost, pool } from './helpers/fixtures';
import { runDueJobs } from './helpers/jobs';

// Old raw view events deleted once their day is rolled up and its salt gone, in batches,
// with every count and every /admin/stats figure the same before and after. Views are
// recorded through the real view store, in a month long past (the `now` passed around),
// so other test files' events of today are out of reach.

let sql: pg.Pool;
let store: ViewStore;
let retention: typeof import('../../lib/dal/view-retention');
let stats: typeof import('../../lib/dal/stats');
const staff: Actor = { id: 'retention-editor', role: 'EDITOR', banned: false };
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36';
const TODAY = '2005-04-10';
const now = new Date(`${TODAY}T12:00:00Z`);
const DAYS = 10;
const VISITORS = 4;

before(async () => {
  retention = await import('../../lib/dal/view-retention');
  stats = await import('../../lib/dal/stats');
  sql = pool();
  store = createViewStore(sql);
});
after(() => sql.end());

async function eventsByDay(postIds: string[]): Promise<Map<string, number>> {
  const { rows } = await sql.query<{ day: string; n: number }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM post_view_events WHERE post_id = ANY($1) GROUP BY day ORDER BY day`,
    [postIds],
  );
  return new Map(rows.map((r) => [r.day, r.n]));
}

/** Everything the admin stats page and the post pages show about views. */
async function figures(postIds: string[], slugs: string[]) {
  const { rows } = await sql.query<{ id: string; views: number }>('SELECT id, view_count AS views FROM posts WHERE id = ANY($1) ORDER BY id', [postIds]);
  return {
    viewCounts: rows,
    site30: await stats.getSiteSeries(staff, { days: 30, now }),
    site7: await stats.getSiteSeries(staff, { days: 7, now }),
    perPost: await Promise.all(slugs.map((slug) => stats.getPostSeries(staff, slug, { days: 30, now }))),
    top7: await stats.getTopPosts(staff, '7', { now }),
    top30: await stats.getTopPosts(staff, '30', { now }),
    topAll: await stats.getTopPosts(staff, 'all', { now, limit: 100 }),
    totals: await stats.getSiteTotals(staff),
  };
}

test('events of days before yesterday are deleted in batches; yesterday\'s and today\'s stay; counts and stats are unchanged', async () => {
  const author = await createAuthor(sql);
  const posts = [await createPost(sql, author), await createPost(sql, author), await createPost(sql, author)];
  const ids = posts.map((p) => p.id);
  // Day by day, as the site would see them: each visitor twice a day (counted once), more on later days.
  for (let d = DAYS - 1; d >= 0; d -= 1) {
    const at = new Date(`${addDays(TODAY, -d)}T09:00:00Z`);
    for (const [i, post] of posts.entries()) {
      for (let v = 0; v < VISITORS - (i % 2); v += 1) {
        await store.recordView(post.id, `198.51.100.${v}`, UA, at);
        await store.recordView(post.id, `198.51.100.${v}`, UA, at);
      }
    }
  }
  const perDay = VISITORS * 2 + (VISITORS - 1);
  const before = await eventsByDay(ids);
  assert.equal(before.size, DAYS);
  assert.deepEqual([...before.values()], Array(DAYS).fill(perDay));
  const shown = await figures(ids, posts.map((p) => p.slug));
  assert.equal(shown.site30.totals.views >= DAYS * perDay, true, 'the stats see the views');

  const result = await retention.purgeViewEvents({ now, batchSize: 7 });
  const old = (DAYS - 2) * perDay;
  assert.equal(result.before, addDays(TODAY, -1));
  assert.equal(result.deleted, old);
  assert.ok(result.batches > 1, `batched: ${result.batches} statements of at most 7 rows`);
  assert.equal(result.batches, Math.floor(old / 7) + 1);

  assert.deepEqual(await eventsByDay(ids), new Map([[addDays(TODAY, -1), perDay], [TODAY, perDay]]));
  const { rows: salts } = await sql.query<{ day: string }>(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM view_salts WHERE day <= $1::date ORDER BY day`, [TODAY]);
  assert.deepEqual(salts.map((s) => s.day).filter((d) => d.startsWith('2005')), [addDays(TODAY, -1), TODAY]);
  assert.deepEqual(await figures(ids, posts.map((p) => p.slug)), shown);

  // Today's events still dedupe: a returning visitor is not counted again.
  await store.recordView(posts[0]?.id ?? '', '198.51.100.0', UA, now);
  assert.deepEqual((await figures(ids, posts.map((p) => p.slug))).viewCounts, shown.viewCounts);

  const again = await retention.purgeViewEvents({ now, batchSize: 7 });
  assert.deepEqual(again, { before: result.before, deleted: 0, batches: 1 });
});

test('the view_events_purge job deletes past days\' events with the real clock', async () => {
  const author = await createAuthor(sql);
  const post = await createPost(sql, author);
  const today = utcDay(new Date());
  const old = addDays(today, -3);
  for (const [day, hash] of [[old, 'aa'], [old, 'bb'], [addDays(today, -1), 'cc'], [today, 'dd']]) {
    await sql.query(`INSERT INTO post_view_events (post_id, day, visitor_hash) VALUES ($1, $2::date, decode($3, 'hex'))`, [post.id, day, hash]);
  }
  await sql.query(`SELECT graphile_worker.add_job($1)`, [TASKS.viewEventsPurge]);
  await runDueJobs([TASKS.viewEventsPurge]);
  assert.deepEqual(await eventsByDay([post.id]), new Map([[addDays(today, -1), 1], [today, 1]]));
});

test('the purge is on the worker\'s schedule', async () => {
  const { CRONTAB } = await import('../../lib/jobs/worker');
  assert.match(CRONTAB, new RegExp(`^\\S+ \\* \\* \\* \\* ${TASKS.viewEventsPurge} `, 'm'));
});
