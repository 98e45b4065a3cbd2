import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHash } from 'node:crypto';
import vm from 'node:vm';
import { inlineScripts, isFrameworkScript, policyFor } from '../../lib/csp.mjs';
import { isLoaderScript, loaderScript, READING_PAGES, scriptsAfterPaint } from '../../lib/scripts-after-paint.mjs';

// Issue 12 (Lighthouse): Next's chunk scripts leave the document and load after its first
// paint (lib/scripts-after-paint.mjs). The browser's side — the page hydrates, its forms work
// with JavaScript, the policy lets the scripts in — is in the e2e suite (csp.spec.ts,
// post-likes.spec.ts and every spec that waits for hydration).

// The head and tail of a page as Next 16 writes them (attributes as React writes them).
const HEAD =
  '<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/>' +
  '<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/boot.js"/>' +
  '<script src="/_next/static/chunks/one.js" async=""></script>' +
  '<script src="/_next/static/chunks/two.js" async=""></script>' +
  '<link rel="preload" as="script" href="/_next/static/chunks/other.js"/>' +
  '<script src="/_next/static/chunks/polyfills.js" noModule=""></script>' +
  '<script src="/_next/static/chunks/boot.js" id="_R_" async=""></script>' +
  '<title>A post</title></head>';
const BODY = '<body><article><p>Text &lt;script src="/_next/static/chunks/x.js" async=""&gt;</p></article><script>self.__next_f.push([1,"a"])</script></body></html>';

test("Next's async chunk scripts move to one loader at the end of the body, in their order; the rest stays", () => {
  const html = scriptsAfterPaint(HEAD + BODY);
  assert.ok(!html.includes('<script src="/_next/static/chunks/one.js"'), html);
  assert.ok(!html.includes('<script src="/_next/static/chunks/boot.js"'), html);
  // The bootstrap chunk's preload went with it; a preload of a chunk that did not move stays.
  assert.ok(!html.includes('href="/_next/static/chunks/boot.js"'), html);
  assert.ok(html.includes('<link rel="preload" as="script" href="/_next/static/chunks/other.js"/>'), html);
  // The polyfills for browsers without modules, the stylesheet, the article's text and the data stay as they were.
  assert.ok(html.includes('<script src="/_next/static/chunks/polyfills.js" noModule=""></script>'), html);
  assert.ok(html.includes('<link rel="stylesheet" href="/_next/static/chunks/a.css" data-precedence="next"/>'), html);
  assert.ok(html.includes('<p>Text &lt;script src="/_next/static/chunks/x.js" async=""&gt;</p>'), html);
  const loader = `<script>${loaderScript(['/_next/static/chunks/one.js', '/_next/static/chunks/two.js', '/_next/static/chunks/boot.js'])}</script>`;
  assert.ok(html.endsWith(`${loader}</body></html>`), html.slice(-400));
  assert.ok(html.indexOf('self.__next_f.push') < html.indexOf(loader));
});

test('a document without chunk scripts, or without a body end, is the same string', () => {
  const plain = '<!DOCTYPE html><html><head></head><body><p>hi</p></body></html>';
  assert.equal(scriptsAfterPaint(plain), plain);
  const cut = HEAD + '<body><p>no end';
  assert.equal(scriptsAfterPaint(cut), cut);
});

test('the loader adds the scripts after a frame, or at once in a background tab', () => {
  const urls = ['/_next/static/chunks/one.js', '/_next/static/chunks/two.js'];
  for (const visibility of ['visible', 'hidden']) {
    const added: string[] = [];
    const frames: Array<() => void> = [];
    const timers: Array<() => void> = [];
    const element = () => ({ src: '', async: false });
    const document = {
      visibilityState: visibility,
      createElement: (tag: string) => (assert.equal(tag, 'script'), element()),
      head: { appendChild: (e: { src: string; async: boolean }) => (assert.equal(e.async, true), added.push(e.src)) },
    };
    const context = { document, self: { requestAnimationFrame: true }, requestAnimationFrame: (f: () => void) => frames.push(f), setTimeout: (f: () => void) => timers.push(f) };
    vm.runInNewContext(loaderScript(urls), context);
    if (visibility === 'hidden') {
      assert.deepEqual(added, urls);
      continue;
    }
    assert.deepEqual(added, [], 'nothing before the first frame');
    frames.shift()?.();
    assert.deepEqual(added, [], 'nor in the frame itself, before it paints');
    timers.shift()?.();
    assert.deepEqual(added, urls);
  }
});

test('the policy hashes the loader, and only a loader of the site’s own chunks', () => {
  const html = scriptsAfterPaint(HEAD + BODY);
  const loader = inlineScripts(html).find((text) => isLoaderScript(text));
  assert.ok(loader, 'the loader is an inline script');
  assert.equal(isFrameworkScript(loader), true);
  assert.ok(policyFor(html).includes(createHash256(loader)));
  for (const urls of [['https://evil.example/x.js'], ['/_next/static/../../x.js'], ['//evil.example/_next/static/x.js'], []]) {
    assert.equal(isLoaderScript(loaderScript(urls)), false, JSON.stringify(urls));
  }
  assert.equal(isLoaderScript(`${loaderScript(['/_next/static/chunks/a.js'])};alert(1)`), false);
  // No URL text can end the script element.
  assert.ok(!loaderScript(['/_next/static/</script><script>alert(1)//.js']).includes('</script'));
});

function createHash256(text: string) {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

test('the reading pages are home, the lists, search results and posts; not the pages made for typing', () => {
  for (const url of ['/', '/?ref=x', '/blog', '/blog?page=2', '/blog/categories/news', '/blog/tags/a?page=3', '/blog/authors/u1', '/search?q=risk', '/post/a-post', '/post/a-post?comments=2']) {
    assert.equal(READING_PAGES.test(url), true, url);
  }
  for (const url of ['/admin', '/admin/posts/p1', '/signin', '/signup', '/profile', '/setup?token=x', '/blogroll', '/post/a/comments/rss.xml']) {
    assert.equal(READING_PAGES.test(url), false, url);
  }
});
