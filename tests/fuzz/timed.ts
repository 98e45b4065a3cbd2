import fc from 'fast-check';

// The fuzz runs' settings and the one timing check the hardening issue asks for: no input
// up to 16 KB may take more than 200 ms (a regular expression or a parser gone quadratic).
// Measured per case inside the property. On a loaded machine (npm test runs two files at
// once on two cores; helpers share it too) a case slow once is run again, together with
// the same check on 16 KB of plain words (a fixed, linear workload: how slow the machine is
// right now): it fails only when slow twice AND over REFERENCE_FACTOR times that workload,
// so a busy machine, which slows both alike, does not fail it, while a blow-up does.

export const MAX_INPUT_BYTES = 16 * 1024;
export const MAX_CASE_MS = 200;
// 25: markdown dense with escapes still costs 4–12 times plain text per byte after lib/markdown-limits.ts (a token
// per escaped character; 12 times seen in CI with two test files at once), while the blow-ups this guards against
// are 50–100 times and more at 16 KB (12 KB of `*_` took 3–7 s before the cap).
export const REFERENCE_FACTOR = 25;

/** Cases per property and the seed: fixed in `npm test`; `npm run fuzz` sets both (FUZZ_RUNS, FUZZ_SEED). */
export function fuzzSettings(defaultRuns: number): { numRuns: number; seed: number } {
  const runs = Number(process.env.FUZZ_RUNS || Number.NaN);
  const seed = Number(process.env.FUZZ_SEED || Number.NaN);
  return { numRuns: Number.isInteger(runs) && runs > 0 ? runs : defaultRuns, seed: Number.isInteger(seed) ? seed : 20261203 };
}

/** How an input is shown in a failure: its length and its start, escaped. */
export function describeInput(input: unknown): string {
  const text = typeof input === 'string' ? input : JSON.stringify(input) ?? String(input);
  return `${text.length} chars: ${JSON.stringify(text.slice(0, 300))}${text.length > 300 ? '…' : ''}`;
}

async function elapsed(run: () => unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** Plain words of about `bytes` bytes: the reference a slow case is compared with. */
export const plainText = (bytes: number): string => 'lorem ipsum dolor '.repeat(Math.ceil(bytes / 18)).slice(0, Math.max(1, bytes));

/**
 * Runs `check` on `input` and fails when it throws, or when it is slow twice (see above).
 * `reference`: the same check on plain text of a size (called with MAX_INPUT_BYTES); none: 200 ms is the limit.
 * Inputs over MAX_INPUT_BYTES are still checked, but not timed.
 */
export async function checkTimed<T>(input: T, check: (input: T) => unknown, size: number, reference?: (bytes: number) => unknown): Promise<void> {
  const first = await elapsed(() => check(input));
  if (first <= MAX_CASE_MS || size > MAX_INPUT_BYTES) return;
  const second = await elapsed(() => check(input));
  const plain = reference ? await elapsed(() => reference(MAX_INPUT_BYTES)) : 0;
  if (second > MAX_CASE_MS && second > REFERENCE_FACTOR * plain) {
    throw new Error(`slow twice (${Math.round(first)} ms, ${Math.round(second)} ms > ${MAX_CASE_MS} ms; 16 KB of plain text: ${Math.round(plain)} ms) on ${describeInput(input)}`);
  }
}

export const byteLength = (input: unknown): number => Buffer.byteLength(typeof input === 'string' ? input : (JSON.stringify(input) ?? ''));

/**
 * An async property over `arbitrary` checked with checkTimed, run with the fuzz settings;
 * `examples`: inputs that once found a bug, always run first.
 */
export async function assertFuzz<T>(
  arbitrary: fc.Arbitrary<T>,
  check: (input: T) => unknown,
  options: { runs: number; examples?: T[]; reference?: (bytes: number) => unknown },
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, (input) => checkTimed(input, check, byteLength(input), options.reference)),
    { ...fuzzSettings(options.runs), examples: (options.examples ?? []).map((e) => [e] as [T]), includeErrorInReport: true },
  );
}
