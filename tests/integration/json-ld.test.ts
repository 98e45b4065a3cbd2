import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { iconInitial } from '../../lib/seo/icon-initial';
import { jsonLdText } from '../../lib/seo/json-ld';
import { listPageHref } from '../../lib/seo/list-links';

// The JSON-LD escaping against a real HTML parser (parse5, the WHATWG algorithm): whatever
// a title holds, the document has exactly one script, its text is the block, and the
// block parses back to the title.

type Element = DefaultTreeAdapterMap['element'];

function scripts(node: DefaultTreeAdapterMap['parentNode']): Element[] {
  const found: Element[] = [];
  for (const child of node.childNodes) {
    if ('tagName' in child) {
      if (child.tagName === 'script') found.push(child);
      found.push(...scripts(child));
    }
  }
  return found;
}

function embedded(title: string): { count: number; text: string } {
  const block = jsonLdText({ '@context': 'https://schema.org', '@type': 'BlogPosting', headline: title });
  const doc = parse(`<!doctype html><html><head></head><body><script type="application/ld+json">${block}</script><p>after</p></body></html>`);
  const found = scripts(doc);
  const textNode = found[0]?.childNodes[0];
  return { count: found.length, text: textNode && 'value' in textNode ? textNode.value : '' };
}

const HOSTILE = ['</script><script>alert(1)</script>', '<!--<script>', '</SCRIPT >', '<!-- -->', ']]>', '\u2028\u2029', '&lt;/script&gt;', '"\\'];

test('a title never leaves the JSON-LD script, and reads back as written', () => {
  for (const title of HOSTILE) {
    const { count, text } = embedded(title);
    assert.equal(count, 1, title);
    assert.equal((JSON.parse(text) as { headline: string }).headline, title);
  }
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('<', '>', '/', '!', '-', '&', 's', 'c', 'r', 'i', 'p', 't', 'S', ' ', '"', '\\', 'x') }), (title) => {
      const { count, text } = embedded(title);
      return count === 1 && (JSON.parse(text) as { headline: string }).headline === title && !/[<>&]/.test(text);
    }),
    { numRuns: 500 },
  );
});

test('the icon letter: the first ASCII letter or digit, accents dropped, else none', () => {
  assert.equal(iconInitial('seopmaspire'), 'S');
  assert.equal(iconInitial('  érase una vez'), 'E');
  assert.equal(iconInitial('Žebra'), 'Z');
  assert.equal(iconInitial('«42 notes»'), '4');
  assert.equal(iconInitial('日本語'), '');
  assert.equal(iconInitial('Блог'), '');
});

test('list page addresses: the first page bare, then by cursor, back pages marked', () => {
  const cursor = { publishedAt: '2023-03-14T10:00:00.000Z', id: 'abc123' };
  assert.equal(listPageHref('/blog', null), '/blog');
  assert.match(listPageHref('/blog', cursor), /^\/blog\?cursor=[\w-]+$/);
  assert.match(listPageHref('/blog/tags/pmo', cursor, 'back'), /^\/blog\/tags\/pmo\?cursor=[\w-]+&dir=back$/);
});
