import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// The W3C Nu Html Checker through the `vnu-jar` package's own command (node_modules/vnu-jar/vnu-jar.js),
// which runs vnu.jar with the Java on the PATH or, on a machine without one, a runtime it downloads once.

const run = promisify(execFile);

export type VnuMessage = { type: string; subType?: string; message: string; extract?: string; lastLine?: number; url: string };

/** Every error the checker reports for `files` (warnings left out). */
export async function vnuErrors(files: string[]): Promise<VnuMessage[]> {
  // The suite runs from the repository's root (scripts/test.mjs, playwright.config.ts).
  const command = path.join(process.cwd(), 'node_modules', 'vnu-jar', 'vnu-jar.js');
  // vnu exits 1 when it found errors; the report is on stderr either way.
  const output = await run(process.execPath, [command, '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => r.stderr,
    (error: { stderr?: string }) => {
      if (!error.stderr) throw error;
      return error.stderr;
    },
  );
  const report = JSON.parse(output) as { messages: VnuMessage[] };
  return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}
