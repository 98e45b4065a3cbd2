import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_HEAP_MB, heapArgs, MALLOC_DEFAULTS, mallocEnv } from '../../server/heap.mjs';

// The production server's heap limit (what `npm start` and the bench pass to node).

test('a 256 MB heap by default; QUIRE_HEAP_MB sets it; NODE_OPTIONS wins', () => {
  assert.deepEqual(heapArgs({}), [`--max-old-space-size=${DEFAULT_HEAP_MB}`]);
  assert.deepEqual(heapArgs({ QUIRE_HEAP_MB: '512' }), ['--max-old-space-size=512']);
  assert.deepEqual(heapArgs({ QUIRE_HEAP_MB: '512', NODE_OPTIONS: '--max-old-space-size=1024' }), []);
});

test('a heap setting that is not a whole number of at least 64 MB is refused with its name', () => {
  for (const bad of ['', 'lots', '12.5', '32']) assert.throws(() => heapArgs({ QUIRE_HEAP_MB: bad }), /QUIRE_HEAP_MB/);
});

test('glibc allocator settings are added for the server unless the environment sets them', () => {
  assert.deepEqual(mallocEnv({}), MALLOC_DEFAULTS);
  assert.equal(mallocEnv({}).MALLOC_ARENA_MAX, '2');
  const chosen = mallocEnv({ MALLOC_ARENA_MAX: '8' });
  assert.equal(chosen.MALLOC_ARENA_MAX, undefined);
  assert.equal(chosen.MALLOC_TRIM_THRESHOLD_, MALLOC_DEFAULTS.MALLOC_TRIM_THRESHOLD_);
});
