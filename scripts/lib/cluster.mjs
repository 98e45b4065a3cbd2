// @ts-check
// Several Quire instances on one machine, as local processes (no container runtime here):
// PgBouncer in transaction mode in front of PostgreSQL, production servers
// (server/server.mjs) reaching the database through it, and HAProxy balancing them round
// robin with health checks and X-Forwarded-For. The same topology as compose.yaml, from the
// same deploy/haproxy.cfg and deploy/pgbouncer.ini. Used by e2e/cluster.spec.ts and
// `npm run bench -- --cluster`; it serves the current `next build`.
import path from 'node:path';
import { getFreePort } from '../embedded-db.mjs';
import { answers200, HOST, launch, root, running, stopProc, waitFor } from './cluster-procs.mjs';
import { startPgBouncer } from './pgbouncer.mjs';

export const HAPROXY_BIN = process.env.HAPROXY_BIN ?? '/usr/sbin/haproxy';

/**
 * @typedef {{
 *   name: string, port: number, origin: string, pid: number | undefined,
 *   alive: () => boolean,
 *   kill: (signal?: NodeJS.Signals) => Promise<void>,  // SIGKILL unless told; resolves once it exited
 *   log: () => string,
 * }} Instance
 * @typedef {{ url: string, pooledUrl: string, instances: Instance[], stop: () => Promise<void> }} Cluster
 */

/**
 * Starts PgBouncer, `instances` production servers (1 or 2) and HAProxy in front of them.
 * @param {{
 *   databaseUrl: string,         // the database, directly on PostgreSQL (migrated)
 *   instances?: number,
 *   env?: Record<string, string | undefined>,  // more variables for the servers: AUTH_SECRET, REDIS_URL, SMTP_URL...
 *   say?: (line: string) => void,
 * }} options
 * @returns {Promise<Cluster>} url: the balancer's origin
 */
export async function startCluster({ databaseUrl, instances = 2, env = {}, say = () => {} }) {
  if (instances !== 1 && instances !== 2) throw new Error('startCluster: 1 or 2 instances (deploy/haproxy.cfg names two servers)');
  /** @type {import('./cluster-procs.mjs').Proc[]} */
  const procs = [];
  /** @type {(() => Promise<void>) | undefined} */
  let stopBouncer;
  const stop = async () => {
    // Balancer first (no new work), then the servers (they finish what is in flight), then PgBouncer.
    for (const names of [/^haproxy$/, /^app/]) await Promise.all(procs.filter((p) => names.test(p.name)).map((p) => stopProc(p)));
    await stopBouncer?.();
  };
  try {
    const bouncer = await startPgBouncer({ databaseUrl });
    stopBouncer = bouncer.stop;
    say(`pgbouncer (transaction mode) on ${HOST}:${bouncer.port}`);

    const url = `http://${HOST}:${await getFreePort()}`;
    /** @type {Instance[]} */
    const apps = [];
    for (let i = 1; i <= instances; i += 1) {
      const port = await getFreePort();
      const proc = launch(`app${i}`, process.execPath, [path.join(root, 'server', 'server.mjs')], {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        // Links and the cross-site check name the site's public address: the balancer's.
        SITE_URL: url,
        NEXTAUTH_URL: url,
        ...env,
        PORT: String(port),
        HOST,
        TRUST_PROXY: '1',
        DATABASE_URL: bouncer.url,
        DATABASE_DIRECT_URL: databaseUrl,
      });
      procs.push(proc);
      apps.push({ name: proc.name, port, origin: `http://${HOST}:${port}`, pid: proc.child.pid, alive: () => running(proc), kill: (signal = 'SIGKILL') => stopProc(proc, signal), log: () => proc.log.join('\n') });
    }
    // The servers start side by side (Next's prepare takes a few seconds each).
    await Promise.all(apps.map((app, i) => waitFor(/** @type {import('./cluster-procs.mjs').Proc} */ (procs[i]), () => answers200(`${app.origin}/api/health`), 'a healthy /api/health')));
    say(`instances: ${apps.map((a) => a.origin).join(', ')}`);

    const haproxy = launch('haproxy', HAPROXY_BIN, ['-db', '-f', path.join(root, 'deploy', 'haproxy.cfg')], {
      ...process.env,
      QUIRE_LISTEN: new URL(url).host,
      QUIRE_APP1: `${HOST}:${apps[0]?.port}`,
      // One instance: both server lines name it, so requests take the same path as with two.
      QUIRE_APP2: `${HOST}:${(apps[1] ?? apps[0])?.port}`,
    });
    procs.push(haproxy);
    await waitFor(haproxy, () => answers200(`${url}/api/health`), 'a healthy /api/health through the balancer', 15_000);
    say(`haproxy (round robin) on ${url}`);
    return { url, pooledUrl: bouncer.url, instances: apps, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
