// A bound on what hostile markdown costs to parse, for both renderers (lib/markdown.ts,
// lib/comments/markdown.ts). micromark matches emphasis, strikethrough and link openers
// against closers by walking back over every opener of the block, so one paragraph of
// alternating `*_*_…` (12 KB) took 3.6 s, found by the fuzz tests (tests/fuzz). Past
// MAX_DELIMITER_RUNS such runs (MAX_BRACKETS brackets) in one block (text between blank lines), the rest are
// backslash-escaped: they read the same, as plain characters, and cost nothing to match.
// Code is left alone: fenced blocks and inline code spans closed on their line.

export const MAX_DELIMITER_RUNS = 100;
// Each live `]` may start a link destination that micromark scans up to the next space, so
// brackets cost (live brackets × length of the line): they get a lower cap of their own.
export const MAX_BRACKETS = 24;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLANK = /^[ \t]*$/;
const DELIMITER = new Set(['*', '_', '~', '[', ']']);

/** Where each run of backticks of a line starts, by run length: a code span closes at the next run of its length. */
function backtickRuns(line: string): { at: Map<number, number>; next: Map<number, number> } {
  const at = new Map<number, number>(); // start → length
  const next = new Map<number, number>(); // start → start of the next run of the same length
  const last = new Map<number, number>(); // length → start of the latest run
  for (let i = 0; i < line.length; ) {
    if (line[i] !== '`') {
      i++;
      continue;
    }
    let j = i;
    while (line[j] === '`') j++;
    const length = j - i;
    at.set(i, length);
    const before = last.get(length);
    if (before !== undefined) next.set(before, i);
    last.set(length, i);
    i = j;
  }
  return { at, next };
}

type Counts = { runs: number; brackets: number };

function capLine(line: string, state: Counts): string {
  const { at, next } = backtickRuns(line);
  let out = '';
  for (let i = 0; i < line.length; ) {
    const ch = line[i] as string;
    if (ch === '\\') {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    const ticks = at.get(i);
    if (ticks !== undefined) {
      const close = next.get(i);
      const end = close === undefined ? i + ticks : close + ticks;
      out += line.slice(i, end);
      i = end;
      continue;
    }
    if (!DELIMITER.has(ch)) {
      out += ch;
      i++;
      continue;
    }
    let j = i + 1;
    if (ch !== '[' && ch !== ']') while (line[j] === ch) j++;
    const run = line.slice(i, j);
    const over = ch === '[' || ch === ']' ? ++state.brackets > MAX_BRACKETS : ++state.runs > MAX_DELIMITER_RUNS;
    out += over ? run.replace(/./g, '\\$&') : run;
    i = j;
  }
  return out;
}

/** `source` with emphasis, strikethrough and link-opening runs past MAX_DELIMITER_RUNS per block escaped. */
export function capDelimiterRuns(source: string): string {
  const parts = source.split(/(\r\n|\r|\n)/);
  const state: Counts = { runs: 0, brackets: 0 };
  let fence: string | null = null;
  for (let k = 0; k < parts.length; k += 2) {
    const line = parts[k] as string;
    const opener = FENCE.exec(line)?.[1];
    if (fence !== null) {
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && BLANK.test(line.slice(line.indexOf(opener) + opener.length))) fence = null;
      continue;
    }
    if (opener) {
      fence = opener;
      continue;
    }
    if (BLANK.test(line)) {
      state.runs = 0;
      state.brackets = 0;
      continue;
    }
    if (line.length > 0) parts[k] = capLine(line, state);
  }
  return parts.join('');
}
