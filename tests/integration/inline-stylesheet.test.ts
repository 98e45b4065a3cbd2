import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inlineStylesheets, MAX_INLINE_BYTES } from '../../lib/inline-stylesheet.mjs';
import { createStylesheetReader } from '../../server/csp.mjs';

// The site's stylesheet written into reading pages (lib/inline-stylesheet.mjs, applied by
// server/csp.mjs). That the production server's pages carry it, and that the browser then
// fetches no stylesheet through hydration and a client navigation, is checked in the e2e suite
// (csp.spec.ts).

const HREF = '/_next/static/chunks/0abc_def-1.css';
const LINK = `<link rel="stylesheet" href="${HREF}" data-precedence="next"/>`;
const page = (head: string, body = '<main>Post</main>') => `<!DOCTYPE html><html><head><meta charSet="utf-8"/>${head}<title>t</title></head><body>${body}</body></html>`;
const CSS = 'body{background:#fafafa}.a::after{content:"}"}';

test("the build's stylesheet link becomes a <style> with the file's text, and the link stays, disabled", () => {
  const read = (href: string) => (href === HREF ? CSS : null);
  assert.equal(
    inlineStylesheets(page(LINK), read),
    page(`<style data-inlined-from="${HREF}">${CSS}</style><link rel="stylesheet" href="${HREF}" data-precedence="next" disabled=""/>`),
  );
});

test('what is not the build’s stylesheet link, or cannot be written into the page, is left as it was', () => {
  const read = () => CSS;
  for (const head of [
    '<link rel="stylesheet" href="https://cdn.example/x.css" data-precedence="next"/>',
    '<link rel="stylesheet" href="/_next/static/chunks/../secret.css" data-precedence="next"/>',
    '<link rel="stylesheet" href="/uploads/x.css"/>',
    '<link rel="preload" as="style" href="/_next/static/chunks/a.css"/>',
  ]) {
    assert.equal(inlineStylesheets(page(head), read), page(head), head);
  }
  // Only the head: a link in the body stays.
  assert.equal(inlineStylesheets(page('', LINK), read), page('', LINK));
  // No head end: nothing to do.
  assert.equal(inlineStylesheets(`<html><body>${LINK}`, read), `<html><body>${LINK}`);
  // The reader has no text for it, it is too large, or its text would end the element.
  assert.equal(inlineStylesheets(page(LINK), () => null), page(LINK));
  assert.equal(inlineStylesheets(page(LINK), () => 'a'.repeat(MAX_INLINE_BYTES + 1)), page(LINK));
  assert.equal(inlineStylesheets(page(LINK), () => '.x{content:"</STYLE><script>alert(1)</script>"}'), page(LINK));
});

test('each of several stylesheet links is replaced in its place', () => {
  const other = '/_next/static/chunks/second.css';
  const html = page(`${LINK}<link rel="stylesheet" href="${other}" data-precedence="next"/>`);
  const out = inlineStylesheets(html, (href) => `/*${href}*/`);
  assert.match(out, new RegExp(`<style data-inlined-from="${HREF}">/\\*${HREF}\\*/</style><link rel="stylesheet" href="${HREF}" data-precedence="next" disabled=""/><style data-inlined-from="${other}">`));
  assert.equal(out.match(/disabled=""/g)?.length, 2);
});

test('the server reads each stylesheet of the build once, by its file name only, and gives null for one it cannot read', (t) => {
  const dist = mkdtempSync(path.join(tmpdir(), 'quire-css-'));
  t.after(() => rmSync(dist, { recursive: true, force: true }));
  mkdirSync(path.join(dist, 'static', 'chunks'), { recursive: true });
  const file = path.join(dist, 'static', 'chunks', '0abc_def-1.css');
  writeFileSync(file, CSS);
  writeFileSync(path.join(dist, 'secret.css'), 'secret');
  const read = createStylesheetReader(dist);
  assert.equal(read(HREF), CSS);
  // Read once: the file's later fate does not matter (a build's chunks never change under a running server).
  rmSync(file);
  assert.equal(read(HREF), CSS);
  assert.equal(read('/_next/static/chunks/missing.css'), null);
  // Only the name counts: nothing outside static/chunks is read.
  assert.equal(read('/_next/static/chunks/../../secret.css'), null);
});
