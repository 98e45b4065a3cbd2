#!/usr/bin/env node
// `node bench/import-wxr.mjs [--posts N] [--comments N] [--out file]`: the import at scale. Writes a
// WordPress export (WXR 1.2) of N posts (default 10,000) and M comments (default 100,000;
// a third of them replies, threads up to 5 deep, 2% unapproved), then times
// `npm run import` of it into a scratch database made from DATABASE_URL's server (dropped
// afterwards), a second run (nothing to create), and prints the figures. Run it under the
// machine-wide lock: `flock /tmp/quire-e2e.lock node bench/import-wxr.mjs`.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dropDatabase, ensureDatabase, migrate } from '../scripts/db.mjs';
import { loadEnv, root, withDatabase } from '../scripts/lib/cli.mjs';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '10000' }, comments: { type: 'string', default: '100000' }, out: { type: 'string' } } });
const POSTS = Number(values.posts);
const COMMENTS = Number(values.comments);

const cdata = (s) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
const sentence = (n, seed) => Array.from({ length: n }, (_, i) => words[(seed * 7 + i * 13) % words.length]).join(' ');
const wpDate = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

async function writeExport(file) {
  const out = createWriteStream(file);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write(`<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example/</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example/</wp:base_site_url>
`);
  for (let a = 0; a < 5; a++) await write(`<wp:author><wp:author_id>${a + 1}</wp:author_id><wp:author_login>${cdata(`author${a}`)}</wp:author_login><wp:author_email>${cdata(`author${a}@bench.example`)}</wp:author_email><wp:author_display_name>${cdata(`Author ${a}`)}</wp:author_display_name></wp:author>\n`);
  for (let c = 0; c < 20; c++) await write(`<wp:category><wp:term_id>${c + 1}</wp:term_id><wp:category_nicename>cat-${c}</wp:category_nicename><wp:cat_name>${cdata(`Category ${c}`)}</wp:cat_name></wp:category>\n`);
  const start = Date.parse('2015-01-01T00:00:00Z');
  let commentId = 0;
  for (let p = 1; p <= POSTS; p++) {
    const date = start + p * 3_600_000;
    const slug = `bench-post-${p}`;
    const body = Array.from({ length: 6 }, (_, i) => `<p>${sentence(40, p + i)} <a href="https://example.org/${p}">link</a> <strong>${sentence(3, i)}</strong></p>`).join('\n\n') + `\n<img src="https://bench.example/wp-content/uploads/${p}.jpg" alt="Figure ${p}" />`;
    const mine = Math.floor(COMMENTS / POSTS) + (p <= COMMENTS % POSTS ? 1 : 0);
    const ids = [];
    let comments = '';
    for (let k = 0; k < mine; k++) {
      commentId += 1;
      // A third are replies to an earlier comment of the same post.
      const parent = k > 0 && k % 3 === 0 ? ids[(k * 5) % ids.length] : 0;
      ids.push(commentId);
      comments += `<wp:comment><wp:comment_id>${commentId}</wp:comment_id><wp:comment_author>${cdata(`Reader ${commentId % 5000}`)}</wp:comment_author><wp:comment_author_email>reader${commentId % 5000}@bench.example</wp:comment_author_email><wp:comment_date_gmt>${wpDate(date + k * 60_000)}</wp:comment_date_gmt><wp:comment_content>${cdata(`${sentence(20, commentId)}\n\nSecond paragraph ${commentId}.`)}</wp:comment_content><wp:comment_approved>${commentId % 50 === 0 ? '0' : '1'}</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>${parent}</wp:comment_parent></wp:comment>\n`;
    }
    await write(`<item><title>${cdata(`Bench post ${p}`)}</title><link>https://bench.example/${wpDate(date).slice(0, 10).replaceAll('-', '/')}/${slug}/</link><dc:creator>${cdata(`author${p % 5}`)}</dc:creator><content:encoded>${cdata(body)}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${p}</wp:post_id><wp:post_date>${wpDate(date)}</wp:post_date><wp:post_date_gmt>${wpDate(date)}</wp:post_date_gmt><wp:post_name>${slug}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_password></wp:post_password><category domain="category" nicename="cat-${p % 20}">${cdata(`Category ${p % 20}`)}</category><category domain="post_tag" nicename="tag-${p % 100}">${cdata(`Tag ${p % 100}`)}</category>
${comments}</item>\n`);
  }
  await write('</channel></rss>\n');
  await new Promise((resolve) => out.end(resolve));
}

function timed(label, args, env) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'import.mjs'), ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${label} failed:\n${result.stderr}`);
  const report = result.stdout.split('\n').filter((l) => /^(created|updated|unchanged)/.test(l)).join('; ');
  console.log(`${label}: ${seconds.toFixed(1)} s — ${report}`);
  return seconds;
}

if (values.out) {
  // Only the export, to import by hand (`node bench/import-wxr.mjs --out big.xml`) or for
  // tests/integration/import-scale.test.ts.
  await writeExport(values.out);
  process.exit(0);
}
loadEnv();
const base = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const databaseUrl = withDatabase(base, `quire_bench_import_${randomBytes(3).toString('hex')}`);
const dir = mkdtempSync(path.join(os.tmpdir(), 'quire-bench-import-'));
const file = path.join(dir, 'bench.wxr.xml');
try {
  let t = Date.now();
  await writeExport(file);
  console.log(`export: ${POSTS.toLocaleString('en')} posts, ${COMMENTS.toLocaleString('en')} comments, ${(statSync(file).size / 1e6).toFixed(1)} MB, written in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl);
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  // No site runs on the scratch database: nothing to refresh.
  const first = timed('first import', [file, '--no-refresh'], env);
  timed('second import (nothing to do)', [file, '--no-refresh'], env);
  console.log(`rate: ${Math.round(POSTS / first)} posts/s with ${Math.round(COMMENTS / first)} comments/s, one transaction`);
} finally {
  rmSync(dir, { recursive: true, force: true });
  await dropDatabase(databaseUrl).catch(() => {});
}
