// @ts-check
// A redis-server of a test's own, on a free port, that the test can stop and start again
// (same port) to see what the app does while Redis is away. Nothing is kept on disk.
import { spawn } from 'node:child_process';
import net from 'node:net';

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const address = probe.address();
      probe.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * @param {{ port?: number, bin?: string }} [options]
 * @returns {Promise<{ url: string, port: number, start: () => Promise<void>, stop: () => Promise<void> }>}
 */
export async function startRedisServer({ port, bin = process.env.REDIS_SERVER_BIN ?? 'redis-server' } = {}) {
  const chosen = port ?? (await freePort());
  /** @type {import('node:child_process').ChildProcess | undefined} */
  let child;

  async function start() {
    if (child) return;
    const proc = spawn(bin, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    let output = '';
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start within 10 s:\n${output}`)), 10_000);
      proc.stdout?.on('data', (chunk) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve(undefined);
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  }

  async function stop() {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null) return;
    await new Promise((resolve) => {
      proc.once('exit', resolve);
      proc.kill('SIGKILL');
    });
  }

  await start();
  return { url: `redis://127.0.0.1:${chosen}`, port: chosen, start, stop };
}
