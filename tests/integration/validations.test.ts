import assert from 'node:assert/strict';
import { test } from 'node:test';
import { splitSnippet } from '../../lib/dal/search-query';
import { encodeCursor, listingParamsSchema, searchParamsSchema, slugSchema } from '../../lib/validations/listing';
import { MAX_BEACON_BYTES, parseViewBeacon } from '../../lib/validations/views.mjs';

test('cursors round-trip and garbage is rejected', () => {
  const cursor = { publishedAt: '2023-03-14T10:00:00.000Z', id: 'cm0abc123def456ghi789jkl' };
  const parsed = listingParamsSchema.parse({ cursor: encodeCursor(cursor) });
  assert.deepEqual(parsed.cursor, cursor);
  for (const bad of ['garbage', '', 'x'.repeat(500), encodeCursor({ publishedAt: 'not-a-date', id: 'abc' }), Buffer.from('2023-01-01T00:00:00Z|id|extra').toString('base64url')]) {
    assert.equal(listingParamsSchema.safeParse({ cursor: bad }).success, false, bad);
  }
});

test('page may only be 1; dir is back or forward', () => {
  assert.equal(listingParamsSchema.safeParse({ page: '-1' }).success, false);
  assert.equal(listingParamsSchema.safeParse({ page: 'abc' }).success, false);
  assert.equal(listingParamsSchema.safeParse({ page: '1' }).success, true);
  assert.equal(listingParamsSchema.safeParse({ dir: 'sideways' }).success, false);
});

test('slugs: lowercase words and hyphens only', () => {
  assert.equal(slugSchema.safeParse('pmo-career-path').success, true);
  for (const bad of ['\u0000', 'Upper', 'a--b', '-a', 'a b', '../etc', 'x'.repeat(201)]) {
    assert.equal(slugSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('search queries are trimmed and limited to 200 characters', () => {
  assert.equal(searchParamsSchema.parse({ q: '  pmo ' }).q, 'pmo');
  assert.equal(searchParamsSchema.parse({}).q, '');
  assert.equal(searchParamsSchema.safeParse({ q: 'a'.repeat(2000) }).success, false);
});

test('beacons: JSON with a post id, nothing else, at most 512 bytes', () => {
  assert.deepEqual(parseViewBeacon('{"postId":"cm0abc123def456ghi789jkl"}'), { ok: true, postId: 'cm0abc123def456ghi789jkl' });
  assert.equal(parseViewBeacon('{bad').ok, false);
  assert.equal(parseViewBeacon('{"postId":"<script>"}').ok, false);
  assert.equal(parseViewBeacon('{"postId":"cm0abc123def456ghi789jkl","x":1}').ok, false);
  const big = parseViewBeacon(JSON.stringify({ postId: 'a'.repeat(MAX_BEACON_BYTES) }));
  assert.equal(big.ok === false && big.status, 413);
});

test('search snippets split into plain and marked parts', () => {
  assert.deepEqual(splitSnippet('a \u0002stepping\u0003-\u0002stone\u0003 b'), [
    { text: 'a ', hit: false },
    { text: 'stepping', hit: true },
    { text: '-', hit: false },
    { text: 'stone', hit: true },
    { text: ' b', hit: false },
  ]);
});

test('cursors outside what PostgreSQL can hold are rejected', () => {
  for (const publishedAt of ['0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '1969-12-31T23:59:59Z']) {
    assert.equal(listingParamsSchema.safeParse({ cursor: encodeCursor({ publishedAt, id: 'abc' }) }).success, false, publishedAt);
  }
});

test('control characters are stripped from searches', () => {
  assert.equal(searchParamsSchema.parse({ q: 'pmo\u0000' }).q, 'pmo');
  assert.equal(searchParamsSchema.parse({ q: '\u0000' }).q, '');
  assert.equal(searchParamsSchema.parse({ q: 'a\u0007b' }).q, 'a b');
});
