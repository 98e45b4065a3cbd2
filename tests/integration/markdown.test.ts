import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFragment } from 'parse5';
import { renderMarkdown } from '../../lib/markdown';

// Author markdown may contain HTML: whatever it is, nothing in the output can run script.

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)><circle r=10 /></svg>',
  '<a href="javascript:alert(1)">click</a>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '![x](javascript:alert(1))',
  '<iframe src="https://evil.example"></iframe>',
  '<object data="x.swf"></object>',
  '<embed src="x.swf">',
  '<body onload=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="javascript:alert(1)">',
  '"><script>alert(1)</script>',
  '<scr<script>ipt>alert(1)</script>',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<p onclick="alert(1)">para</p>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '[a](<javascript:alert(1)>)',
];

const FORBIDDEN_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'svg', 'math', 'style', 'meta', 'base', 'link', 'form', 'body', 'video', 'noscript']);

type Node = { nodeName: string; tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };

/** Every element of the rendered HTML, as the browser would parse it. */
function elements(html: string): Node[] {
  const out: Node[] = [];
  const walk = (node: Node) => {
    if (node.tagName) out.push(node);
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parseFragment(html) as unknown as Node);
  return out;
}

for (const payload of PAYLOADS) {
  test(`inert: ${payload}`, async () => {
    const html = await renderMarkdown(`Before\n\n${payload}\n\nAfter`);
    for (const el of elements(html)) {
      assert.equal(FORBIDDEN_TAGS.has(el.tagName!), false, `<${el.tagName}> in ${html}`);
      if (el.tagName === 'input') {
        assert.deepEqual(el.attrs?.map((a) => a.name).sort(), ['disabled', 'type'], 'only a disabled task-list checkbox');
      }
      for (const attr of el.attrs ?? []) {
        assert.doesNotMatch(attr.name, /^on/i, `${attr.name} on <${el.tagName}>`);
        assert.notEqual(attr.name, 'style');
        if (['href', 'src', 'action', 'formaction', 'xlink:href'].includes(attr.name)) {
          assert.doesNotMatch(attr.value.trim(), /^(javascript|vbscript|data):/i, `${attr.name}=${attr.value}`);
        }
      }
    }
    assert.match(html, /After/);
  });
}

test('markdown renders: headings shifted below the page h1, links, lists, code', async () => {
  const html = await renderMarkdown('# Title\n\n## 1. First\n\n- a\n- b\n\n`code` and [link](https://example.com)');
  assert.match(html, /<h2 id="md-title">Title<\/h2>/);
  assert.match(html, /<h2 id="md-1-first">1\. First<\/h2>/);
  assert.match(html, /<li>a<\/li>/);
  assert.match(html, /<code>code<\/code>/);
  assert.match(html, /<a href="https:\/\/example.com" rel="noopener noreferrer">link<\/a>/);
});

test('every id in a post starts with md-: a heading cannot take a name the page uses, and links within the post follow', async () => {
  const html = await renderMarkdown(
    '## Main\n\nSee [setup](#setup), [café](#café), [the note](#user-content-fn-1) and [the comments](#comments)[^1].\n\n## Setup\n\n## Café\n\n<h3 id="like">Raw</h3>\n\n[^1]: The note.',
  );
  const ids = [...html.matchAll(/ id="([^"]*)"/g)].map((m) => m[1]);
  assert.ok(ids.length >= 6, html);
  assert.deepEqual(ids.filter((id) => !id?.startsWith('md-')), [], html);
  for (const id of ['md-main', 'md-setup', 'md-café', 'md-like', 'md-user-content-fn-1']) assert.ok(ids.includes(id), `${id} in ${html}`);
  const hrefs = [...html.matchAll(/ href="(#[^"]*)"/g)].map((m) => m[1]);
  // To a heading or a footnote of the post: its prefixed id; to the page's own #comments (no such id in the post): unchanged.
  assert.deepEqual(hrefs, ['#md-setup', '#md-caf%C3%A9', '#md-user-content-fn-1', '#comments', '#md-user-content-fn-1', '#md-user-content-fnref-1']);
  for (const href of hrefs.filter((h) => h?.startsWith('#md-'))) assert.ok(ids.includes(decodeURIComponent(href?.slice(1) ?? '')), `${href} has its target`);
});
