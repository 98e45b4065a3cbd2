import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderComment } from '../../lib/comments/markdown';
import { autoExcerpt } from '../../lib/excerpt';
import { commentHtml, plainComment } from '../../lib/import/comment-html';
import { importExcerpt } from '../../lib/import/excerpt';
import { htmlToMarkdown, wordpressToMarkdown } from '../../lib/import/html-to-markdown';
import { autop } from '@wordpress/autop';

// The import's shortcuts (lib/import/comment-html.ts, lib/import/excerpt.ts) must answer
// exactly what the renderers they stand in for answer: checked on generated texts made of
// the pieces that matter (punctuation, digits, spaces and line ends in every place).

// A fixed-seed generator, so a failure names a text that can be reproduced.
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

const PLAIN_PIECES = ['word', 'Ünïcode', 'x', '42', '1.', '2)', ' ', '  ', '\n', '\n\n', '\n\n\n', '.', ',', '!', '?', ';', "'", '"', '(', ')', 'www.', 'e.g.'];
const OTHER_PIECES = [':', '*', '_', '-', '#', '>', '<b>', '&amp;', '[a](b)', 'http://x.example', 'a@b.example', '~', '`', '\t', '|', '=', '\\'];

test('plain comments get the renderer’s HTML without it; the rest go through it', () => {
  const next = random(7);
  let shortcut = 0;
  for (let i = 0; i < 4000; i++) {
    const n = 1 + Math.floor(next() * 14);
    const pick = (pieces: string[]) => pieces[Math.floor(next() * pieces.length)]!;
    const body = Array.from({ length: n }, () => pick(next() < 0.9 ? PLAIN_PIECES : OTHER_PIECES)).join(next() < 0.5 ? ' ' : '').trim();
    if (!body) continue;
    assert.equal(commentHtml(body), renderComment(body).html, JSON.stringify(body));
    if (plainComment(body)) shortcut++;
  }
  assert.ok(shortcut > 500, `${shortcut} texts took the shortcut`);
  assert.ok(plainComment('Nice post\nthanks\n\nSecond (and last) "paragraph".'));
  assert.equal(commentHtml('Nice post\nthanks\n\nSecond (and last) "paragraph".'), '<p>Nice post\nthanks</p>\n<p>Second (and last) "paragraph".</p>');
});

const EXCERPT_PIECES = ['word ', 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(3), '\n', '\n\n', '> ', '- ', '1. ', '# ', '```\n', '    ', '<div>', '-->', '<!-- ', '[x]', '[x]: http://a.example\n', '[^1]', '[^1]: note\n', '***', '===\n', '---\n', '| a | b |\n', '*em* ', '`code` ', '\\', 'wait… ', 'x'.repeat(190), ' …'];

test('the excerpt of a long body is the excerpt of its opening', () => {
  const next = random(11);
  for (let i = 0; i < 3000; i++) {
    const n = 5 + Math.floor(next() * 40);
    const body = Array.from({ length: n }, () => EXCERPT_PIECES[Math.floor(next() * EXCERPT_PIECES.length)]).join('');
    assert.equal(importExcerpt(body), autoExcerpt(body), JSON.stringify(body));
  }
  const long = Array.from({ length: 300 }, (_, i) => `Paragraph ${i} ${'text '.repeat(30)}`).join('\n\n');
  assert.equal(importExcerpt(long), autoExcerpt(long));
});

test('plain WordPress comments come out of the HTML conversion as they went in', () => {
  const next = random(5);
  const reference = (content: string) => htmlToMarkdown(autop(content.replace(/\[\/?(caption|wp_caption)\b[^\]]*\]/g, '')));
  for (let i = 0; i < 3000; i++) {
    const n = 1 + Math.floor(next() * 14);
    const pick = (pieces: string[]) => pieces[Math.floor(next() * pieces.length)]!;
    const content = Array.from({ length: n }, () => pick(next() < 0.9 ? PLAIN_PIECES : [...OTHER_PIECES, '<p>', '[caption]', '\r\n'])).join(next() < 0.5 ? ' ' : '');
    assert.equal(wordpressToMarkdown(content), reference(content), JSON.stringify(content));
  }
  assert.equal(wordpressToMarkdown('Great post, thanks!\n\nSee you (soon).'), 'Great post, thanks!\n\nSee you (soon).');
});
