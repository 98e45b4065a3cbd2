import type { z } from 'zod';
import { ImportFileError, jsonPath, lineColumn } from './errors';

// JSON exports: a syntax error names its line and column (a truncated file: its end), and a
// file of the wrong shape names the JSON path of the first field that does not fit.

export function parseJsonFile<T>(file: string, source: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /at position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : source.length;
    const problem = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'the file ends too early (truncated?)');
    throw new ImportFileError(file, lineColumn(source, offset), `malformed JSON: ${problem}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ImportFileError(file, jsonPath(issue?.path ?? []), issue?.message ?? 'unexpected shape');
  }
  return parsed.data;
}
