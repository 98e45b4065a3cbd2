import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { COMMENT_SCHEMA, commentPlainText, LINK_REL, renderComment, renderCommentMarkdown } from '../../lib/comments/markdown';
import { POST_SANITIZE_SCHEMA, renderMarkdown } from '../../lib/markdown';
import { capDelimiterRuns, MAX_BRACKETS, MAX_DELIMITER_RUNS } from '../../lib/markdown-limits';
import { allowListViolations, schemeOf, type Extra } from '../fuzz/allow-list';
import { anyText } from '../fuzz/inputs';
import { COMMENT_REGRESSIONS, POST_REGRESSIONS } from '../fuzz/regressions';
import { assertFuzz, describeInput, plainText } from '../fuzz/timed';

// The two markdown renderers fuzzed (issue 15, item 5): whatever the input, up to 16 KB,
// rendering never throws, takes at most 200 ms (twice in a row, see tests/fuzz/timed.ts),
// and its output, parsed again, holds only what the sanitizer's own allow-list allows
// (tests/fuzz/allow-list.ts). `npm run fuzz` runs many more cases with any seed.

const RUNS = 60;

const sameList = (expected: string[]) => (value: unknown) => Array.isArray(value) && value.join(' ') === expected.join(' ');
const COMMENT_EXTRA: Extra = { a: { rel: sameList(LINK_REL) } };
// lib/markdown.ts adds rel to external links and rehype-slug ids (prefixed like the sanitizer's) to headings, after the sanitizer.
const slugId = (value: unknown) => typeof value === 'string' && /^md-[\p{L}\p{N}\p{M}_-]*$/u.test(value);
const headingIds = Object.fromEntries(['h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, { id: slugId }]));
const POST_EXTRA: Extra = { a: { rel: sameList(['noopener', 'noreferrer']) }, ...headingIds };

function assertClean(html: string, violations: string[], input: string): void {
  assert.deepEqual(violations, [], `output of ${describeInput(input)}\n${html.slice(0, 500)}`);
}

test('the allow-list check itself: it catches what a broken sanitizer would let through', () => {
  const caught = allowListViolations(
    '<p onclick="x">a</p><script>x</script><a href=" java\tscript:alert(1)">b</a><a href="https://ok" rel="evil">c</a><!-- c --><img src=x>',
    COMMENT_SCHEMA,
    COMMENT_EXTRA,
  );
  assert.deepEqual(caught, [
    '<p onClick>: attribute not in the allow-list',
    '<script>: element not in the allow-list',
    '<a href=" java\\tscript:alert(1)">: scheme "javascript" not allowed',
    '<a rel=["evil"]>: a value the pipeline never adds',
    'comment <!-- c -->',
    '<img>: element not in the allow-list',
    '<img src>: attribute not in the allow-list',
  ]);
  assert.equal(schemeOf('\u0000 JAVA\nSCRIPT:x'), 'javascript');
  assert.equal(schemeOf('/relative:path'), null);
  assert.deepEqual(allowListViolations('<h2 id="md-intro">x</h2><h3 id="intro">y</h3><div id="x"></div>', POST_SANITIZE_SCHEMA, POST_EXTRA), [
    '<h3 id="intro">: a value the pipeline never adds',
    '<div id="x">: not prefixed with md-',
  ]);
});

test('comment markdown: never throws, ≤ 200 ms, output within COMMENT_SCHEMA', async () => {
  const check = (source: string) => {
    const { html, links } = renderComment(source);
    assertClean(html, allowListViolations(html, COMMENT_SCHEMA, COMMENT_EXTRA), source);
    assert.equal(renderCommentMarkdown(source), html);
    assert.ok(links >= 0);
    const plain = commentPlainText(source);
    // Bodies with lone surrogates are refused before rendering (lib/validations/storable-text.ts).
    assert.ok(plain.length <= 200 && (plain.isWellFormed() || !source.isWellFormed()), `plain text of ${describeInput(source)}`);
  };
  await assertFuzz(anyText, check, { runs: RUNS, examples: COMMENT_REGRESSIONS, reference: (bytes) => check(plainText(bytes)) });
});

test('post markdown pipeline: never throws, ≤ 200 ms, output within its sanitize schema', async () => {
  const check = async (source: string) => {
    const html = await renderMarkdown(source);
    assertClean(html, allowListViolations(html, POST_SANITIZE_SCHEMA, POST_EXTRA), source);
  };
  await assertFuzz(anyText, check, { runs: RUNS, examples: POST_REGRESSIONS, reference: (bytes) => check(plainText(bytes)) });
});

test('the delimiter cap escapes only past its count per block, and leaves code alone', () => {
  const many = '*a* '.repeat(MAX_DELIMITER_RUNS / 2);
  const capped = capDelimiterRuns(`${many}*b*`);
  assert.ok(capped.startsWith(many) && capped.endsWith('\\*b\\*'), capped.slice(-20));
  assert.equal(capDelimiterRuns(`${many}\n\n*b*`), `${many}\n\n*b*`, 'a blank line starts a new block');
  const code = `\`\`\`\n${'*_'.repeat(200)}\n\`\`\``;
  assert.equal(capDelimiterRuns(`${many}\n${code}`), `${many}\n${code}`, 'fenced code is untouched');
  const span = `\`${'_x'.repeat(200)}\``;
  assert.equal(capDelimiterRuns(`${many}${span}`), `${many}${span}`, 'an inline code span is untouched');
  const brackets = '[a]'.repeat(MAX_BRACKETS / 2);
  assert.equal(capDelimiterRuns(`${brackets}[b]`), `${brackets}\\[b\\]`);
  assert.equal(renderCommentMarkdown(`${many}*b*`).endsWith('*b*</p>'), true, 'escaped runs read as the characters they are');
});

test('the fuzz settings are the same every run unless asked (a fixed seed in npm test)', () => {
  const seen: string[] = [];
  fc.assert(
    fc.property(anyText, (s) => {
      seen.push(s);
    }),
    { numRuns: 3, seed: 7 },
  );
  const again: string[] = [];
  fc.assert(
    fc.property(anyText, (s) => {
      again.push(s);
    }),
    { numRuns: 3, seed: 7 },
  );
  assert.deepEqual(again, seen);
});
