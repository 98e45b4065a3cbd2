// The commands `npm test` runs (scripts/test.mjs): each a child process whose output passes
// through, or is held to be printed later, and whose runner summary lines ("# pass 12",
// "3 passed") are kept for the final report. Every running child is known, so an
// interrupted run can stop them all.
import { spawn } from 'node:child_process';
import { root } from './cli.mjs';

/** Runner summary lines, repeated at the end of the run. */
export const summaries = [];
const running = new Set();

export function header(title) {
  console.log(`\n━━━━ ${title} ${'━'.repeat(Math.max(4, 70 - title.length))}`);
}

/**
 * Runs a command in the project folder, passing its output through (or into `held`, printed
 * later by the caller); keeps the lines matching `summary`. Resolves to the exit code.
 * @param {string} command @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, summary?: RegExp, held?: Buffer[] }} options
 */
export function exec(command, args, { env, summary, held }) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', summary || held ? 'pipe' : 'inherit', held ? 'pipe' : 'inherit'] });
    running.add(child);
    if (held) {
      child.stdout.on('data', (chunk) => held.push(chunk));
      child.stderr.on('data', (chunk) => held.push(chunk));
    }
    if (summary && !held) {
      let pending = '';
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        pending += chunk;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (summary.test(line)) summaries.push(line.trim());
      });
      child.stdout.on('end', () => pending && summary.test(pending) && summaries.push(pending.trim()));
    }
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** Asks every running child to stop (SIGTERM). */
export function stopChildren() {
  for (const child of running) child.kill('SIGTERM');
}
