import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

// A production server of a spec's own (the same `server/server.mjs` and build as
// Playwright's webServer, on another port, over the same database), for a spec that must
// read the server's log: Playwright's webServer passes its stderr through to the run's
// output, where a test cannot see it.

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host: '127.0.0.1' }, () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type OwnServer = { origin: string; pid: number; stderr: () => string; alive: () => boolean; stop: () => Promise<void> };

/** `env` adds to or overrides the suite's environment (e.g. REDIS_URL for the shared-cache spec). */
export async function startOwnServer({ env = {} }: { env?: Record<string, string> } = {}): Promise<OwnServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(process.execPath, [path.join(process.cwd(), 'server/server.mjs')], {
    cwd: process.cwd(),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: '1', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  let out = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('ready: ')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready:\n${err}`)));
  });
  const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
  await ready.finally(() => clearTimeout(timer));
  return {
    origin,
    pid: child.pid ?? 0,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
