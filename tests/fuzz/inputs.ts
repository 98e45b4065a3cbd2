import fc from 'fast-check';
import { hostileString, NASTY_PIECES } from '../fixtures/hostile-input';
import { MAX_INPUT_BYTES } from './timed';

// Inputs for the fuzz tests: markdown and HTML built from the pieces parsers and
// sanitizers treat specially, and long repetitions of one piece (up to 16 KB), which is
// where regular expressions and parsers go quadratic.

const MARKDOWN_PIECES = [
  '*', '**', '_', '__', '~~', '`', '```', '\n```js\n', '[', ']', '(', ')', '![', '](', '<', '>', '> ', '#', '# ', '- ', '* ', '1. ', '+ ',
  '|', '| --- |', '\\', '\n', '\n\n', '    ', '\t', ' ', '  \n', '---', '[^1]', '[^1]: ', '[x] ', 'a', 'word ', 'http://example.com/a_b',
  'www.example.com', 'user@example.com', '&', '&amp;', '&#106;', '&#x6A;', '&#0;', '"', "'", '=', ':', '/', '?', '#frag',
  'javascript:', 'JaVaScRiPt:', 'java\tscript:', 'java&#x09;script:', 'vbscript:', 'data:text/html,', ' javascript:', '\u0000javascript:',
  'mailto:', 'irc:', '//evil.example', '[a]: javascript:alert(1)', '[a][a]', '<script>', '</script>', '<img src=x onerror=alert(1)>',
  '<a href="javascript:alert(1)">', '</a>', '<svg onload=alert(1)>', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src=//evil>', '<style>', '<!--', '-->', '<![CDATA[', ']]>', '<?xml ?>', '<!DOCTYPE html>', '<template>', '<noscript>',
  '<textarea>', '<title>', '<form action=javascript:alert(1)>', '<input type=checkbox checked>', '<details open ontoggle=alert(1)>',
  '<div id="location" name="x">', '<p class="x" style="x">', '<code class="language-js">', '<a name="x" id="y" href="#z">',
  '<h1 id="body">', '<blockquote cite="javascript:x">', '<img src="data:image/png;base64,AA">', '<source srcset="javascript:x">',
  '\u202E', '\uFEFF', '\uD800', '😀',
];

/** Markdown (and the HTML inside it) of any shape, from pieces and free text. */
export const markdownInput: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...MARKDOWN_PIECES), fc.string({ maxLength: 6 })), { maxLength: 80 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: hostileString(400) },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...NASTY_PIECES, ...MARKDOWN_PIECES.slice(0, 40)), maxLength: 200 }) },
);

/** One or two pieces repeated to fill up to 16 KB, with an optional ending: the regular-expression blow-up shape. */
export const repeatedInput: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constantFrom(...MARKDOWN_PIECES), fc.string({ minLength: 1, maxLength: 4 })),
    fc.oneof(fc.constant(''), fc.constantFrom(...MARKDOWN_PIECES)),
    fc.integer({ min: 1_000, max: MAX_INPUT_BYTES }),
    fc.constantFrom('', '!', '\n', 'x', ')', ']', '>', '\u0000'),
  )
  .map(([a, b, bytes, end]) => {
    const unit = `${a}${b}`;
    const times = Math.max(1, Math.floor((bytes - end.length) / Math.max(1, Buffer.byteLength(unit))));
    return `${unit.repeat(times)}${end}`;
  });

/** Every kind at once, most cases short. */
export const anyText: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: markdownInput }, { weight: 1, arbitrary: repeatedInput });
