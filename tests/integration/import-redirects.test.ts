import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { pool } from './helpers/fixtures';
import { fixture, importPath, ownDatabase, target } from './helpers/imports';

// The old addresses an import keeps (legacy_paths) lead to their post only while readers
// can see it: not a draft, not scheduled for later, not in the trash. The HTTP side (301
// from the catch-all page and the proxy's /?p=) is e2e/import-redirects.spec.ts.

const SOURCE = 'wxr:redirects';
let db: pg.Pool;
let own: Awaited<ReturnType<typeof ownDatabase>>;
type Legacy = typeof import('../../lib/dal/legacy-paths');
let legacy: Legacy;

before(async () => {
  own = await ownDatabase();
  db = pool();
  legacy = await import('../../lib/dal/legacy-paths');
});
after(async () => {
  await db.end();
  await own.drop();
});

test('a permalink, its ?p= and the path with a trailing slash lead to the live post; drafts, scheduled and trashed do not', async () => {
  await importPath(fixture('wxr/WPTT__theme-unit-test__themeunittestdata.wordpress.xml'), { source: 'redirects' });
  const id = await target(db, SOURCE, 'post', '1177');
  const { rows } = await db.query<{ slug: string }>('SELECT slug FROM posts WHERE id = $1', [id]);
  const slug = rows[0]?.slug;
  assert.ok(slug);
  assert.equal(await legacy.findLegacyTarget(legacy.legacyCandidates('/2013/01/10/markup-image-alignment/')), slug);
  assert.equal(await legacy.findLegacyTarget(['/?p=1177']), slug);
  assert.equal(await legacy.findLegacyTarget(legacy.legacyCandidates('/2013/01/10/no-such-post/')), null);

  // Draft and scheduled posts of the export keep their old addresses, but lead nowhere yet.
  assert.equal(await legacy.findLegacyTarget(['/?p=1164']), null);
  assert.equal(await legacy.findLegacyTarget(['/?p=1153']), null);
  const scheduledSlug = (await db.query<{ slug: string }>('SELECT slug FROM posts WHERE id = $1', [await target(db, SOURCE, 'post', '1153')])).rows[0]?.slug;
  assert.equal(await legacy.findLegacyTarget(['/?p=1153'], new Date('2030-01-02T00:00:00Z')), scheduledSlug);

  await db.query('UPDATE posts SET deleted_at = now() WHERE id = $1', [id]);
  assert.equal(await legacy.findLegacyTarget(['/?p=1177']), null);
});

test('candidates: no trailing slash; percent-encoded and plain forms both tried', () => {
  assert.deepEqual(legacy.legacyCandidates('/2013/01/10/x/'), ['/2013/01/10/x']);
  assert.deepEqual(new Set(legacy.legacyCandidates('/caf%C3%A9/')), new Set(['/caf%C3%A9', '/café']));
  assert.deepEqual(legacy.legacyCandidates('/'), ['/']);
});
