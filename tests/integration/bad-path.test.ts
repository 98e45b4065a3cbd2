import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BAD_PATH_TARGET, isMalformedPath } from '../../lib/bad-path.mjs';

// Which request paths the production server answers 400 before Next (lib/bad-path.mjs):
// the reproductions and their neighbours. e2e/bad-input.spec.ts checks the answer.

test('percent-escapes that are not UTF-8 make a path malformed', () => {
  for (const url of ['/post/%FF', '/post/abc%C0%AF', '/post/%ED%A0%80', '/blog/categories/%FF', '/blog/tags/%ED%A0%80', '/%FF', '/post/%E0%A4%A', '/post/%', '/post/%G1', '/post/%FF?q=ok']) {
    assert.equal(isMalformedPath(url), true, url);
  }
});

test('well-formed paths and any query string are left to the pages', () => {
  for (const url of ['/', '/post/pmo-career-path', '/post/caf%C3%A9', '/post/%F0%9F%98%80', '/post/%00', '/post/%2F', '/search?q=%FF', '/blog?cursor=%ED%A0%80', BAD_PATH_TARGET]) {
    assert.equal(isMalformedPath(url), false, url);
  }
});
