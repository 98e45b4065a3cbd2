import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

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

export type ClusterDatabase = { url: string; pool: pg.Pool; drop: () => Promise<void> };

/**
 * A database of a cluster's own, next to the run's (same server, name + `_cluster`),
 * migrated and seeded by `node scripts/db.mjs reset`. With it the cluster's two job
 * workers are the only ones: on the run's database the run's own server would take some
 * of their jobs, and a post it publishes would be invalidated in its cache, not theirs.
 */
export async function clusterDatabase(): Promise<ClusterDatabase> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('e2e: DATABASE_URL is not set; run the e2e tests through `npm run test:e2e`');
  const url = new URL(base);
  url.pathname = `${url.pathname}_cluster`;
  const env = { ...process.env, DATABASE_URL: url.toString(), DATABASE_DIRECT_URL: '' };
  await promisify(execFile)(process.execPath, [path.join(process.cwd(), 'scripts', 'db.mjs'), 'reset'], { cwd: process.cwd(), env });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 3, idleTimeoutMillis: 1000, allowExitOnIdle: true });
  // pool.end() resolves once its clients are handed back, before each one's connection has
  // closed: a DROP … WITH (FORCE) could still reach one, whose "terminating connection due to
  // administrator command" then arrives as the pool's 'error' event. Unheard, that event
  // throws in the worker and fails whichever test is running (a CI run on 2026-12-04).
  // scripts/db.mjs dropDatabase now lets closing connections go first; this listener stays for
  // a connection lost any other way.
  let dropping = false;
  pool.on('error', (error) => {
    if (!dropping) console.error(`e2e: a cluster database connection was lost while idle: ${error.message}`);
  });
  const drop = async () => {
    dropping = true;
    await pool.end();
    const { dropDatabase } = await import('../../scripts/db.mjs');
    await dropDatabase(url.toString());
  };
  return { url: url.toString(), pool, drop };
}
