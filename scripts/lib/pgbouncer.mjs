// @ts-check
// PgBouncer in transaction mode as a local process, from deploy/pgbouncer.ini (pool mode and
// sizes as deployed; addresses, files and auth for this machine). Every database name maps to
// the same name on the real server, so any test database goes through it.
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getFreePort } from '../embedded-db.mjs';
import { canConnect, HOST, launch, root, stopProc, waitFor } from './cluster-procs.mjs';
import { pgbouncerIni } from './pgbouncer-ini.mjs';

export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/**
 * @param {{ databaseUrl: string }} options the database, directly on PostgreSQL
 * @returns {Promise<{ url: string, port: number, stop: () => Promise<void> }>} url: the same database through PgBouncer
 */
export async function startPgBouncer({ databaseUrl }) {
  const direct = new URL(databaseUrl);
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'quire-pgbouncer-'));
  // PgBouncer refuses to run as root (CI runs as root): it then drops to `nobody`, which
  // must be able to read its files.
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chmodSync(tmp, 0o755);
  const port = await getFreePort();
  const user = decodeURIComponent(direct.username || 'postgres');
  const password = decodeURIComponent(direct.password);
  // PgBouncer wants the user in its auth file even when it trusts the client.
  writeFileSync(path.join(tmp, 'userlist.txt'), `"${user}" "${password}"\n`, { mode: asRoot ? 0o644 : 0o600 });
  const ini = path.join(tmp, 'pgbouncer.ini');
  writeFileSync(
    ini,
    pgbouncerIni(readFileSync(path.join(root, 'deploy', 'pgbouncer.ini'), 'utf8'), {
      databases: { '*': `host=${direct.hostname} port=${direct.port || 5432}` },
      settings: {
        listen_addr: HOST,
        listen_port: String(port),
        // With a password, PgBouncer checks the client's against the auth file and logs in
        // to PostgreSQL with it; without one (a local server trusting loopback), trust.
        auth_type: password ? 'plain' : 'trust',
        auth_file: path.join(tmp, 'userlist.txt'),
        admin_users: user,
        unix_socket_dir: '',
        pidfile: '',
        logfile: '',
        ...(asRoot ? { user: 'nobody' } : {}),
      },
    }),
  );
  const proc = launch('pgbouncer', PGBOUNCER_BIN, [ini], process.env);
  const stop = async () => {
    await stopProc(proc);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitFor(proc, () => canConnect(port), 'connections on its port', 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  const pooled = new URL(databaseUrl);
  pooled.hostname = HOST;
  pooled.port = String(port);
  return { url: pooled.toString(), port, stop };
}
