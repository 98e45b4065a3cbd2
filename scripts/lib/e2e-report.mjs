// What the end of `npm test` says about the e2e part, read from Playwright's JSON report:
// each failed test with the first lines of its error (CI keeps only the end of the output,
// where the list reporter's failure details are long gone), and where the time went (the
// slowest spec files, by the time their tests took).
import { existsSync, readFileSync } from 'node:fs';

/** Every test of the report, with its file, title, project, status, duration and first error. */
function* testsOf(suite, titles = []) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const results = test.results ?? [];
      const last = results.at(-1);
      const error = results.flatMap((r) => r.errors ?? (r.error ? [r.error] : []))[0];
      yield {
        file: spec.file ?? suite.file,
        title: [...titles, spec.title].filter(Boolean).join(' › '),
        project: test.projectName,
        status: last?.status ?? 'skipped',
        ok: test.status === 'expected' || test.status === 'flaky',
        ran: results.length > 0,
        duration: results.reduce((sum, r) => sum + (r.duration ?? 0), 0),
        error: error?.message ?? error?.value ?? '',
      };
    }
  }
  for (const child of suite.suites ?? []) yield* testsOf(child, suite.file === child.file && child.title !== child.file ? [...titles, child.title] : titles);
}

// Terminal colours out, so the lines read in a plain log.
const plain = (text) => String(text).replace(/\u001b\[[0-9;]*m/g, '');

/**
 * The lines to print for the report at `file` (none when it is missing or unreadable).
 * @param {string} file @param {{ errorLines?: number, slowest?: number }} [options]
 * @returns {string[]}
 */
export function e2eReportLines(file, { errorLines = 12, slowest = 12 } = {}) {
  if (!existsSync(file)) return [];
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`(the e2e report ${file} could not be read: ${error.message})`];
  }
  const tests = (report.suites ?? []).flatMap((suite) => [...testsOf(suite)]);
  const lines = [];
  for (const t of tests.filter((t) => t.ran && !t.ok)) {
    lines.push(`FAILED [${t.project}] ${t.file} › ${t.title} (${t.status}, ${(t.duration / 1000).toFixed(1)} s)`);
    for (const line of plain(t.error).split('\n').filter((l) => l.trim()).slice(0, errorLines)) lines.push(`    ${line}`);
  }
  const byFile = new Map();
  for (const t of tests) byFile.set(t.file, (byFile.get(t.file) ?? 0) + t.duration);
  const total = [...byFile.values()].reduce((a, b) => a + b, 0);
  lines.push(`e2e test time ${(total / 1000).toFixed(0)} s over ${byFile.size} files (both workers); the slowest:`);
  for (const [name, ms] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, slowest)) lines.push(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${name}`);
  return lines;
}
