import assert from 'node:assert/strict';
import { test } from 'node:test';
import { spliceReaderPage } from '../../lib/comments/reader-splice.mjs';

// The signed-in page's shell filled in for one reader (lib/comments/reader-splice.mjs): the
// name slot and the delimited rows, and nothing else of the page. What the shell looks like
// comes from components/comments/comment-section.tsx; e2e/reader-pages.spec.ts serves it.

const shell = [
  '<html><script>self.__next_f.push([1,"\\u003c!--a:c1--\\u003e generic \\u003c!--/a--\\u003e"])</script>',
  '<section id="comments" data-reader-shell="">',
  '<p>Signed in as <strong data-reader-name=""></strong></p>',
  '<li id="comment-c1"><p>One</p><!--a:c1--><div class="c-actions">generic 1</div><!--/a--></li>',
  '<li id="comment-c2"><p>Two</p><!--a:c2--><div class="c-actions">generic 2</div><!--/a--></li>',
  '<li id="comment-c3"><p>Removed</p><!--a:c3--><!--/a--></li>',
  '</section></html>',
].join('');

test('puts the name and the reader’s rows in; other rows keep the shell’s; the delimiters go', () => {
  const page = spliceReaderPage(shell, { nameHtml: 'Ann &#x3C;b>', rows: { c2: '<div class="c-actions">mine 2</div>', c9: 'not on the page' } });
  assert.ok(page);
  assert.ok(page.includes('<strong data-reader-name="">Ann &#x3C;b></strong>'));
  assert.ok(page.includes('<p>One</p><div class="c-actions">generic 1</div></li>'));
  assert.ok(page.includes('<p>Two</p><div class="c-actions">mine 2</div></li>'));
  assert.ok(page.includes('<p>Removed</p></li>'));
  assert.ok(!page.includes('not on the page'));
  assert.ok(!/<!--\/?a/.test(page), 'no delimiter left in the markup');
  // The inline payload is script text, escaped: left as it is.
  assert.ok(page.includes('\\u003c!--a:c1--\\u003e generic'));
});

test('a row that is empty for the reader empties the shell’s, and a replacement text is taken literally', () => {
  const page = spliceReaderPage(shell, { nameHtml: '$& $1', rows: { c1: '', c2: '$&' } });
  assert.ok(page?.includes('<strong data-reader-name="">$& $1</strong>'));
  assert.ok(page?.includes('<p>One</p></li>'));
  assert.ok(page?.includes('<p>Two</p>$&</li>'));
});

test('a page that is not the shell is refused, so the server renders instead', () => {
  assert.equal(spliceReaderPage('<html><p>Signed in as <strong data-reader-name=""></strong></p></html>', { nameHtml: 'Ann', rows: {} }), null);
  // Comments closed: no name slot, rows still filled.
  const closed = '<section data-reader-shell=""><!--a:c1-->x<!--/a--></section>';
  assert.equal(spliceReaderPage(closed, { nameHtml: 'Ann', rows: { c1: 'y' } }), '<section data-reader-shell="">y</section>');
});
