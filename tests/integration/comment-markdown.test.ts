import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { commentPlainText, countLinks, renderCommentMarkdown } from '../../lib/comments/markdown';
import { XSS_PAYLOADS } from '../fixtures/xss-payloads';

// Comments are written by anyone: the renderer must keep to its small subset, and no
// known payload may come out as markup a browser would run. Checked on the HTML as
// parse5 (the browser's parsing algorithm) reads it, not on the string.

type P5Node = DefaultTreeAdapterMap['node'];
type P5Element = DefaultTreeAdapterMap['element'];

const ALLOWED_ATTRIBUTES: Record<string, readonly string[]> = {
  p: [], br: [], em: [], strong: [], del: [], code: [], pre: [], blockquote: [], ul: [], li: [],
  a: ['href', 'rel'],
  ol: ['start'],
};
const NEVER = ['script', 'style', 'iframe', 'svg', 'img', 'h1', 'h2', 'table', 'hr', 'input'];
const LINK_REL = 'nofollow ugc noopener';

function elementsOf(html: string): P5Element[] {
  const found: P5Element[] = [];
  const stack: P5Node[] = [parseFragment(html)];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ('tagName' in node) found.push(node);
    if ('childNodes' in node) stack.push(...[...node.childNodes].reverse()); // document order
  }
  return found;
}

const attr = (el: P5Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const tags = (source: string) => elementsOf(renderCommentMarkdown(source)).map((el) => el.tagName);

/** What a browser would navigate to: it ignores case, surrounding space and control characters. */
const scheme = (url: string) => url.trim().toLowerCase().replace(/[\u0000-\u0020\u007f-\u009f]/g, '');

function assertInert(html: string) {
  for (const el of elementsOf(html)) {
    assert.ok(!NEVER.includes(el.tagName), `<${el.tagName}> in ${html}`);
    const allowed = ALLOWED_ATTRIBUTES[el.tagName];
    assert.ok(allowed, `<${el.tagName}> is outside the comment subset: ${html}`);
    for (const { name, value } of el.attrs) {
      assert.ok(!name.toLowerCase().startsWith('on'), `${name} on <${el.tagName}> in ${html}`);
      assert.ok(allowed.includes(name), `${name} on <${el.tagName}> in ${html}`);
      if (name === 'href' || name === 'src') {
        assert.doesNotMatch(scheme(value), /^(?:javascript|vbscript|data):/, `${name}="${value}" in ${html}`);
      }
    }
    if (el.tagName === 'a') assert.equal(attr(el, 'rel'), LINK_REL, html);
  }
}

describe('the comment subset', () => {
  test('emphasis, strong, strikethrough and inline code', () => {
    assert.equal(renderCommentMarkdown('*a* _b_ **c** ~~d~~ `e<f>`'), '<p><em>a</em> <em>b</em> <strong>c</strong> <del>d</del> <code>e&#x3C;f></code></p>');
  });

  test('a single tilde is text, not a deletion', () => {
    assert.equal(renderCommentMarkdown('~5 minutes~'), '<p>~5 minutes~</p>');
  });

  test('links, autolinks and bare URLs carry rel="nofollow ugc noopener" and no target', () => {
    const html = renderCommentMarkdown('[site](https://example.com "t") <https://a.example> www.b.example mail@c.example');
    const links = elementsOf(html).filter((el) => el.tagName === 'a');
    assert.deepEqual(links.map((a) => attr(a, 'href')), ['https://example.com', 'https://a.example', 'http://www.b.example', 'mailto:mail@c.example']);
    for (const a of links) assert.deepEqual(a.attrs.map((x) => x.name).sort(), ['href', 'rel']);
    for (const a of links) assert.equal(attr(a, 'rel'), LINK_REL);
  });

  test('an upper-case scheme still links; a link whose URL is unsafe keeps only its text', () => {
    assert.match(renderCommentMarkdown('[a](HTTPS://Example.com)'), /href="https:\/\/Example\.com"/);
    assert.equal(renderCommentMarkdown('[click](javascript:alert(1)) [empty]()'), '<p>click empty</p>');
  });

  test('fenced code keeps its text and drops its language class', () => {
    assert.equal(renderCommentMarkdown('```js\nif (a < b) run();\n```'), '<pre><code>if (a &#x3C; b) run();\n</code></pre>');
  });

  test('block quotes and lists, with an ordered list keeping its start', () => {
    assert.deepEqual(tags('> quoted\n\n- one\n- two\n\n3. three\n4. four'), ['blockquote', 'p', 'ul', 'li', 'li', 'ol', 'li', 'li']);
    const ol = elementsOf(renderCommentMarkdown('3. three')).find((el) => el.tagName === 'ol');
    assert.equal(ol && attr(ol, 'start'), '3');
  });

  test('hard line breaks', () => {
    assert.deepEqual(tags('one  \ntwo\\\nthree'), ['p', 'br', 'br']);
  });

  test('headings become strong paragraphs and rules disappear', () => {
    assert.equal(renderCommentMarkdown('# Big\n\nSmall\n---\n\n***'), '<p><strong>Big</strong></p>\n<p><strong>Small</strong></p>');
  });

  test('images become links to the image, titled by the alt text', () => {
    assert.equal(renderCommentMarkdown('![a cat](https://x.example/cat.png)'), `<p><a href="https://x.example/cat.png" rel="${LINK_REL}">a cat</a></p>`);
    assert.equal(renderCommentMarkdown('[![a cat](https://x.example/cat.png)](https://y.example)'), `<p><a href="https://y.example" rel="${LINK_REL}">a cat</a></p>`);
  });

  test('tables, task lists and footnotes render as text', () => {
    assert.equal(renderCommentMarkdown('| a | b |\n|---|---|\n| 1 | 2 |'), '<p>a | b<br>\n1 | 2</p>');
    assert.equal(renderCommentMarkdown('- [x] done'), '<ul>\n<li>[x] done</li>\n</ul>');
    assert.equal(renderCommentMarkdown('See[^1].\n\n[^1]: Note.'), '<p>See[^1].</p>\n<p>[^1]: Note.</p>');
  });

  test('raw HTML is shown as typed, never parsed', () => {
    assert.equal(renderCommentMarkdown('I like <b>bold</b>.\n\n<div>\nblock\n</div>'), '<p>I like &#x3C;b>bold&#x3C;/b>.</p>\n<p>&#x3C;div>\nblock\n&#x3C;/div></p>');
  });
});

describe('the XSS corpus', () => {
  test('is big enough, short enough, and every payload would open a dialog', () => {
    assert.ok(XSS_PAYLOADS.length >= 40);
    assert.equal(new Set(XSS_PAYLOADS).size, XSS_PAYLOADS.length, 'duplicates');
    for (const payload of XSS_PAYLOADS) {
      assert.ok(payload.length < 200, payload);
      const decoded = payload.replace(/base64,([A-Za-z0-9+/=]+)/g, (_, b64: string) => Buffer.from(b64, 'base64').toString());
      assert.match(decoded, /(?:alert|confirm|prompt)\(/, payload);
    }
  });

  for (const payload of XSS_PAYLOADS) {
    test(`inert: ${JSON.stringify(payload)}`, () => {
      assertInert(renderCommentMarkdown(payload));
      assertInert(renderCommentMarkdown(`Before ${payload} after`));
      assertInert(renderCommentMarkdown(`> - ${payload}\n\nafter`));
    });
  }
});

describe('countLinks', () => {
  const cases: [string, number][] = [
    ['no links at all', 0],
    ['[a](https://a.example) <https://b.example> www.c.example https://d.example', 4],
    ['write to me@e.example', 1],
    ['![pic](https://x.example/p.png)', 1],
    ['[a][r] and [b][r]\n\n[r]: https://r.example', 2],
    ['[x](javascript:alert(1)) <javascript:alert(1)>', 0],
    ['`https://in.code.example` and\n\n    https://indented.example', 0],
    ['<a href="https://raw.example">raw</a>', 0],
  ];
  for (const [source, expected] of cases) {
    test(`${JSON.stringify(source)} → ${expected}`, () => assert.equal(countLinks(source), expected));
  }
});

describe('commentPlainText', () => {
  test('drops markup, keeps link text, collapses whitespace', () => {
    assert.equal(commentPlainText('# Hi\n\n**Hello**   _world_,\n\n> quoted\n\n- a\n- b\n\n[site](https://x.example)'), 'Hi Hello world, quoted a b site');
  });

  test('raw HTML stays as text (the caller escapes it)', () => {
    assert.equal(commentPlainText('<b>hi</b> & bye'), '<b>hi</b> & bye');
  });

  test('short text is returned whole', () => {
    assert.equal(commentPlainText('short', 5), 'short');
  });

  test('long text is cut at max, ellipsis included, on a word when one is close', () => {
    assert.equal(commentPlainText('abcdefghij', 5), 'abcd…');
    assert.equal(commentPlainText('alpha beta gamma delta', 14), 'alpha beta…');
    const excerpt = commentPlainText('word '.repeat(100));
    assert.ok(excerpt.length <= 200 && excerpt.endsWith('word…'), excerpt);
  });

  test('never splits a surrogate pair', () => {
    assert.equal(commentPlainText('😀😀😀😀', 4), '😀…');
  });
});

describe('pathological input stays bounded', () => {
  const inputs: Record<string, string> = {
    'nested quotes': '>'.repeat(5000),
    'nested spaced quotes': '> '.repeat(2499) + 'x',
    'nested bullets': '- '.repeat(2499) + 'x',
    'nested ordered lists': '1. '.repeat(1666) + 'x',
    'quotes and lists': '> - '.repeat(1250),
    'indented lists': Array.from({ length: 70 }, (_, i) => `${' '.repeat(2 * i)}- a`).join('\n').slice(0, 5000),
    'nested footnotes': '[^a]: '.repeat(833),
    '5,000 stars': '*'.repeat(5000),
    'nested strong': `${'*'.repeat(2500)}a${'*'.repeat(2500)}`,
    'nested emphasis': `${'*a '.repeat(833)}b${' a*'.repeat(833)}`,
    'open brackets': '[!['.repeat(1666),
    'nested link text': `${'['.repeat(2490)}a${']'.repeat(2490)}(x)`,
    'open tags': '<a'.repeat(2500),
  };
  for (const [name, source] of Object.entries(inputs)) {
    test(name, () => {
      const html = renderCommentMarkdown(source);
      assert.equal(typeof html, 'string');
      assertInert(html);
      assert.equal(typeof commentPlainText(source), 'string');
    });
  }

  test('deep nesting past the cap shows as text', () => {
    const quotes = elementsOf(renderCommentMarkdown(`${'>'.repeat(5000)} x`)).filter((el) => el.tagName === 'blockquote');
    assert.ok(quotes.length > 0 && quotes.length <= 10, `${quotes.length} nested quotes`);
    assert.match(commentPlainText(`${'> '.repeat(40)}x`), /^(?:> ){30}x$/);
  });
});
