import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

// The W3C Nu Html Checker (the `vnu-jar` package's vnu.jar), run on files. Java: the one on
// the PATH or in JAVA_HOME; on a machine without one, vnu-jar downloads a runtime once.

const require = createRequire(import.meta.url);
const run = promisify(execFile);

export type VnuMessage = { type: string; subType?: string; message: string; extract?: string; lastLine?: number; url: string };

/** Every error the checker reports for `files` (warnings left out). */
export async function vnuErrors(files: string[]): Promise<VnuMessage[]> {
  const { resolveJava } = require('vnu-jar/vnu-java-downloader') as { resolveJava: () => Promise<string> };
  const jar = path.join(path.dirname(require.resolve('vnu-jar/package.json')), 'build', 'dist', 'vnu.jar');
  const java = await resolveJava();
  // vnu exits 1 when it found errors; the report is on stderr either way.
  const output = await run(java, ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 16 * 1024 * 1024 }).then(
    (r) => r.stderr,
    (error: { stderr?: string }) => {
      if (!error.stderr) throw error;
      return error.stderr;
    },
  );
  const report = JSON.parse(output) as { messages: VnuMessage[] };
  return report.messages.filter((m) => m.type === 'error' || m.subType === 'fatal');
}
