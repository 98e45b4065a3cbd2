import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { addCompileHints, COMPILE_HINT, startupChunks } from '../../scripts/lib/compile-hints.mjs';

// Issue 12 (Lighthouse's blocking time): `npm run build` puts V8's compile hint on the
// framework's startup chunks (scripts/lib/compile-hints.mjs). That the production build serves
// them with it is checked in the e2e suite (csp.spec.ts).

/** A build directory with a manifest and chunk files. */
function fakeBuild(manifest: unknown, chunks: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'quire-hints-'));
  mkdirSync(path.join(dir, 'static', 'chunks'), { recursive: true });
  writeFileSync(path.join(dir, 'build-manifest.json'), typeof manifest === 'string' ? manifest : JSON.stringify(manifest));
  for (const [name, text] of Object.entries(chunks)) writeFileSync(path.join(dir, 'static', 'chunks', name), text);
  return dir;
}

const read = (dir: string, name: string) => readFileSync(path.join(dir, 'static', 'chunks', name), 'utf8');

test('the startup chunks get the hint as their first line, the others stay as they were, and a second run changes nothing', (t) => {
  const dir = fakeBuild(
    { rootMainFiles: ['static/chunks/react-dom.js', 'static/chunks/router.js'], polyfillFiles: ['static/chunks/polyfills.js'] },
    { 'react-dom.js': '(globalThis.TURBOPACK||[]).push([1])', 'router.js': 'var r=1;\n', 'page.js': 'var p=1;', 'polyfills.js': 'var y=1;' },
  );
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.deepEqual(addCompileHints(dir), { hinted: ['static/chunks/react-dom.js', 'static/chunks/router.js'], already: [] });
  assert.equal(read(dir, 'react-dom.js'), `${COMPILE_HINT}(globalThis.TURBOPACK||[]).push([1])`);
  assert.equal(read(dir, 'router.js'), `${COMPILE_HINT}var r=1;\n`);
  assert.equal(read(dir, 'page.js'), 'var p=1;');
  assert.equal(read(dir, 'polyfills.js'), 'var y=1;');
  assert.equal(COMPILE_HINT, '//# allFunctionsCalledOnLoad\n');

  assert.deepEqual(addCompileHints(dir), { hinted: [], already: ['static/chunks/react-dom.js', 'static/chunks/router.js'] });
  assert.equal(read(dir, 'react-dom.js'), `${COMPILE_HINT}(globalThis.TURBOPACK||[]).push([1])`);
  // Nothing left beside the chunks (each is written to a temporary file and renamed).
  assert.deepEqual(readdirSync(path.join(dir, 'static', 'chunks')).sort(), ['page.js', 'polyfills.js', 'react-dom.js', 'router.js']);
});

test('the chunk follows the hint byte for byte, whatever its bytes', (t) => {
  const dir = fakeBuild({ rootMainFiles: ['static/chunks/a.js'] }, {});
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const bytes = Buffer.from([0x76, 0x61, 0x72, 0xff, 0xfe, 0x0a, 0xe2, 0x80]);
  writeFileSync(path.join(dir, 'static', 'chunks', 'a.js'), bytes);
  addCompileHints(dir);
  assert.deepEqual(readFileSync(path.join(dir, 'static', 'chunks', 'a.js')), Buffer.concat([Buffer.from(COMPILE_HINT), bytes]));
});

test('a missing or unexpected manifest is a clear error, and nothing outside static/chunks is ever written', (t) => {
  const cases: [unknown, RegExp][] = [
    ['{not json', /cannot read .*build-manifest\.json.*run next build first/],
    [{ pages: {} }, /lists no rootMainFiles/],
    [{ rootMainFiles: [] }, /lists no rootMainFiles/],
    [{ rootMainFiles: ['static/chunks/../../server.js'] }, /unexpected rootMainFiles entry/],
    [{ rootMainFiles: ['server/app/page.js'] }, /unexpected rootMainFiles entry/],
    [{ rootMainFiles: [42] }, /unexpected rootMainFiles entry/],
  ];
  for (const [manifest, message] of cases) {
    const dir = fakeBuild(manifest, { 'a.js': 'var a;' });
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    assert.throws(() => addCompileHints(dir), message, JSON.stringify(manifest));
    assert.equal(read(dir, 'a.js'), 'var a;');
  }
  const empty = mkdtempSync(path.join(tmpdir(), 'quire-hints-'));
  t.after(() => rmSync(empty, { recursive: true, force: true }));
  assert.throws(() => startupChunks(empty), /cannot read .*ENOENT.*run next build first/);
});

test('a chunk the manifest names but the build lacks is an error, not a new file', (t) => {
  const dir = fakeBuild({ rootMainFiles: ['static/chunks/gone.js'] }, {});
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.throws(() => addCompileHints(dir), /ENOENT/);
  assert.deepEqual(readdirSync(path.join(dir, 'static', 'chunks')), []);
});
