// @ts-check
// Child processes of a local cluster (scripts/lib/cluster.mjs): started with their output
// kept (last 300 lines, for error messages), waited for, and stopped.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const HOST = '127.0.0.1';

/** @typedef {{ name: string, child: import('node:child_process').ChildProcess, log: string[] }} Proc */

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Proc}
 */
export function launch(name, command, args, env) {
  const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  /** @type {string[]} */
  const log = [];
  const keep = (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) log.push(line);
    if (log.length > 300) log.splice(0, log.length - 300);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => log.push(`spawn failed: ${error.message}`));
  return { name, child, log };
}

/** @param {Proc} proc */
export const running = (proc) => proc.child.exitCode === null && proc.child.signalCode === null;

/**
 * Waits until `probe` resolves true, or the process exits, or time runs out.
 * @param {Proc} proc
 * @param {() => Promise<boolean>} probe
 * @param {string} what
 */
export async function waitFor(proc, probe, what, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!running(proc)) throw new Error(`${proc.name} exited before ${what}:\n${proc.log.slice(-30).join('\n')}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${proc.name}: no ${what} within ${timeoutMs / 1000} s:\n${proc.log.slice(-30).join('\n')}`);
}

/** @param {string} url */
export const answers200 = (url) => fetch(url, { signal: AbortSignal.timeout(3000) }).then((r) => r.ok, () => false);

/**
 * Stops a process: `signal`, then SIGKILL after `graceMs`.
 * @param {Proc} proc
 * @param {NodeJS.Signals} signal
 */
export async function stopProc(proc, signal = 'SIGTERM', graceMs = 12_000) {
  if (!running(proc)) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill(signal);
  const timer = setTimeout(() => proc.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Whether something accepts TCP connections on HOST:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
export function canConnect(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: HOST, port }, () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}
