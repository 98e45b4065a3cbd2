import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

// The several-instance topology for a spec (scripts/cluster.mjs in a child process:
// PgBouncer, two production servers, HAProxy), over the run's database.

export type ClusterInstance = { name: string; origin: string; pid: number };
export type RunningCluster = { url: string; instances: ClusterInstance[]; stop: () => Promise<void> };

export async function startCluster(env: Record<string, string>): Promise<RunningCluster> {
  const child: ChildProcess = spawn(process.execPath, [path.join(process.cwd(), 'scripts', 'cluster.mjs')], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const ready = new Promise<{ url: string; instances: ClusterInstance[] }>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line && out.includes('\n')) resolve(JSON.parse(line) as { url: string; instances: ClusterInstance[] });
    });
    child.once('exit', (code) => reject(new Error(`scripts/cluster.mjs exited (${code}) before it was ready:\n${err.slice(-4000)}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    return { ...(await ready), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
