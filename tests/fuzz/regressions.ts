// Inputs the fuzz tests once failed on, run first on every run (fast-check `examples`),
// each with what it found. Add the counterexample fast-check prints, not its seed: a seed
// only replays the same case while the generators stay the same.

/** Alternating emphasis markers in one paragraph: micromark matched them in quadratic time (4.9 s for 12 KB). */
const ALTERNATING_EMPHASIS = `${'*_'.repeat(3000)}x${'_*'.repeat(3000)}`;
/** The same over many lines of one paragraph, and link openers mixed in (1.5 s, 1 s at 6 KB). */
const EMPHASIS_LINES = Array.from({ length: 2000 }, () => '*_x').join('\n');
const BRACKETS = '[*'.repeat(3000);
/** Unclosed link destinations and label ends, found by the first fuzz run (3–4 s and 1 s at 5 KB). */
const LINK_OPENERS = '[a]('.repeat(1440);
const LABEL_ENDS = ']('.repeat(2280);
/** The same, longer: each live `]` scanned to the end of the line (5 s at 9.8 KB in comments): brackets got a lower cap. */
const LONG_LINK_OPENERS = '[a]('.repeat(2450);

export const COMMENT_REGRESSIONS: string[] = [ALTERNATING_EMPHASIS, EMPHASIS_LINES, BRACKETS, LINK_OPENERS, LABEL_ENDS, LONG_LINK_OPENERS];

export const POST_REGRESSIONS: string[] = [ALTERNATING_EMPHASIS, EMPHASIS_LINES, BRACKETS, LINK_OPENERS, LABEL_ENDS, LONG_LINK_OPENERS];
