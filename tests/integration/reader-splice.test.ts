import assert from 'node:assert/strict';
import { test } from 'node:test';
import { prepareShell, readerPage, readerPageChunks, type ReaderParts } from '../../lib/comments/reader-splice.mjs';

// The signed-in page's shell filled in for one reader (lib/comments/reader-splice.mjs): the
// name slot and the delimited rows, and nothing else of the page. What the shell looks like
// comes from components/comments/comment-section.tsx; e2e/reader-pages.spec.ts serves it.

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const data = encode({ open: true, editWindowMs: 900000, templates: {} });
const shell = [
  '<html><script>self.__next_f.push([1,"\\u003c!--a:c1--\\u003e généric \\u003c!--/a--\\u003e"])</script>',
  `<section id="comments" data-reader-shell="${data}">`,
  '<p>Signed in as <strong data-reader-name=""></strong></p>',
  '<li id="comment-c1"><p>Ünö</p><!--a:c1--><div class="c-actions">generic 1</div><!--/a--></li>',
  '<li id="comment-c2"><p>Two</p><!--a:c2--><div class="c-actions">generic 2</div><!--/a--></li>',
  '<li id="comment-c3"><p>Removed</p><!--a:c3--><!--/a--></li>',
  '</section></html>',
].join('');

function fill(html: string, parts: ReaderParts): string | null {
  const prepared = prepareShell(html);
  return prepared ? readerPage(prepared, parts).toString('utf8') : null;
}

test('puts the name and the reader’s rows in; other rows keep the shell’s; the delimiters go', () => {
  const page = fill(shell, { nameHtml: 'Ann &#x3C;b> é', rows: { c2: '<div class="c-actions">mine 2 ✓</div>', c9: 'not on the page' } });
  assert.ok(page);
  assert.ok(page.includes('<strong data-reader-name="">Ann &#x3C;b> é</strong>'));
  assert.ok(page.includes('<p>Ünö</p><div class="c-actions">generic 1</div></li>'));
  assert.ok(page.includes('<p>Two</p><div class="c-actions">mine 2 ✓</div></li>'));
  assert.ok(page.includes('<p>Removed</p></li>'));
  assert.ok(!page.includes('not on the page'));
  assert.ok(!/<!--\/?a/.test(page), 'no delimiter left in the markup');
  // The inline payload is script text, escaped: left as it is, as is the shell's data.
  assert.ok(page.includes('\\u003c!--a:c1--\\u003e généric'));
  assert.ok(page.includes(`data-reader-shell="${data}"`));
  // Everything else byte for byte.
  assert.equal(page.replace('Ann &#x3C;b> é', '').replace('mine 2 ✓', 'generic 2'), shell.replace(/<!--\/?a(?::[a-z0-9]+)?-->/g, ''));
});

test('a row that is empty for the reader empties the shell’s, and replacement text is taken literally', () => {
  const page = fill(shell, { nameHtml: '$& $1', rows: { c1: '', c2: '$&' } });
  assert.ok(page?.includes('<strong data-reader-name="">$& $1</strong>'));
  assert.ok(page?.includes('<p>Ünö</p></li>'));
  assert.ok(page?.includes('<p>Two</p>$&</li>'));
});

test('a page that is not the shell, or a shell without its data, is refused, so the server renders instead', () => {
  assert.equal(fill('<html><p>Signed in as <strong data-reader-name=""></strong></p></html>', { nameHtml: 'Ann', rows: {} }), null);
  assert.equal(fill(shell.replace(data, ''), { nameHtml: 'Ann', rows: {} }), null);
  assert.equal(prepareShell(shell.replace(data, Buffer.from('{"open":').toString('base64'))), null, 'broken data');
  // Comments closed: no name slot, rows still filled.
  const closed = `<section data-reader-shell="${data}"><!--a:c1-->x<!--/a--></section>`;
  assert.equal(fill(closed, { nameHtml: 'Ann', rows: { c1: 'y' } }), `<section data-reader-shell="${data}">y</section>`);
  assert.equal(prepareShell(closed)?.data.editWindowMs, 900000);
});

test('the post’s heart: the reader’s in place of the shell’s, the shell’s kept when none is given', async () => {
  const { heartHtml } = await import('../../lib/posts/like-heart.mjs');
  const { COUNT } = await import('../../lib/comments/controls.mjs');
  const counted = (mark: string) => ({ one: [`<b>${mark} 1 like</b>`], other: [`<b>${mark} `, COUNT, ' likes</b>'] });
  const heart = { locale: 'en', notLiked: counted('♡'), liked: counted('♥') };
  const withHeart = shell.replace('<section', `<p id="like"><span><!--like-->${heartHtml(heart, false, 1234)}<!--/like--></span></p><section`);
  assert.ok(withHeart.includes('<b>♡ 1,234 likes</b>'), 'formatted for the locale');
  const page = fill(withHeart, { nameHtml: 'Ann', rows: {}, likeHtml: heartHtml(heart, true, 1) });
  assert.ok(page?.includes('<p id="like"><span><b>♥ 1 like</b></span></p>'));
  assert.ok(!page?.includes('<!--like-->') && !page?.includes('♡'));
  const kept = fill(withHeart, { nameHtml: 'Ann', rows: {} });
  assert.ok(kept?.includes('<p id="like"><span><b>♡ 1,234 likes</b></span></p>'));
  assert.equal(heartHtml({ ...heart, locale: 'es' }, false, 1234), '<b>♡ 1234 likes</b>', 'Spanish writes four digits without a separator');
});

test('a reader’s page is views of the prepared shell around their own pieces: no copy of the page, the shell unchanged', () => {
  const prepared = prepareShell(shell);
  assert.ok(prepared);
  const before = Buffer.from(prepared.page);
  const chunks = readerPageChunks(prepared, { nameHtml: 'Ann', rows: { c2: 'mine' } });
  // Shell, name, shell, row, shell: only the reader's own pieces are new bytes.
  assert.equal(chunks.length, 5);
  const { page } = prepared;
  const inPage = (c: Buffer) => c.buffer === page.buffer && c.byteOffset >= page.byteOffset && c.byteOffset + c.length <= page.byteOffset + page.length;
  assert.deepEqual(chunks.map(inPage), [true, false, true, false, true]);
  assert.equal(Buffer.concat(chunks).toString('utf8'), readerPage(prepared, { nameHtml: 'Ann', rows: { c2: 'mine' } }).toString('utf8'));
  assert.ok(prepared.page.equals(before), 'the prepared page is not written to');
  // A reader with nothing of their own but the name still gets the shell's rows, without delimiters.
  assert.equal(readerPageChunks(prepared, { nameHtml: '', rows: {} }).length, 3);
  assert.equal(prepared.bytes, prepared.page.length);
});

test('the counts of the post and its cards: the reader’s text in each marked span, in the site’s language; the rest byte for byte', async () => {
  const { counterTemplates } = await import('../../lib/posts/counter-templates');
  const { counterText, counterTexts } = await import('../../lib/posts/counters.mjs');
  const { getDictionary } = await import('../../lib/i18n');
  for (const locale of ['en', 'es'] as const) {
    const t = getDictionary(locale);
    const templates = counterTemplates(t, locale);
    const format = new Intl.NumberFormat(locale);
    // The templates say what the dictionary says, for every number.
    for (const n of [0, 1, 2, 1234, 1_000_000]) {
      assert.equal(counterText(templates, 'views', n), t.views(format.format(n)));
      assert.equal(counterText(templates, 'comments', n), t.commentCount(format.format(n)));
      assert.equal(counterText(templates, 'likes', n), t.likeCount(format.format(n)));
    }
  }
  const counts = (id: string) => `<p><span data-count="views:${id}" data-testid="view-count">7 views</span> · <span data-count="comments:${id}">2 comments</span></p>`;
  const page = shell.replace('<section', `${counts('p1')}<p class="card">${counts('p2')}<span data-count="likes:p2">0 likes</span></p><section`);
  const prepared = prepareShell(page);
  assert.ok(prepared);
  assert.deepEqual(prepared.countKeys, ['views:p1', 'comments:p1', 'views:p2', 'comments:p2', 'likes:p2']);
  assert.deepEqual(prepared.postIds, ['p1', 'p2']);
  const texts = counterTexts(counterTemplates(getDictionary('en'), 'en'), prepared.countKeys, new Map([['p1', { views: 1234, comments: 1, likes: 0 }]]));
  assert.deepEqual(texts, { 'views:p1': '1,234 views', 'comments:p1': '1 comment' }, 'a post without counts is left out');
  const filled = readerPage(prepared, { nameHtml: 'Ann', rows: {}, counts: { ...texts, 'likes:p2': '3 likes' } }).toString('utf8');
  assert.ok(filled.includes('<span data-count="views:p1" data-testid="view-count">1,234 views</span> · <span data-count="comments:p1">1 comment</span>'));
  assert.ok(filled.includes('<span data-count="views:p2" data-testid="view-count">7 views</span>'), 'not given: the shell’s text');
  assert.ok(filled.includes('<span data-count="likes:p2">3 likes</span>'));
  const unchanged = readerPage(prepared, { nameHtml: '', rows: {} }).toString('utf8');
  assert.equal(unchanged, page.replace(/<!--\/?a(?::[a-z0-9]+)?-->/g, ''), 'with no counts given, the shell as it came');
});
