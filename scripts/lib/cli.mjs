// Small helpers shared by the scripts (start, test, import, export).
import { spawn, spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import dotenv from 'dotenv';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const SETTINGS = ['DATABASE_URL', 'AUTH_SECRET', 'NEXTAUTH_SECRET', 'SITE_URL', 'NEXTAUTH_URL', 'PORT'];

/**
 * Loads .env without overriding the environment. An empty setting counts as unset; setting it empty
 * in the environment (DATABASE_URL= npm start) also hides the value in .env.
 */
export function loadEnv() {
  dotenv.config({ path: path.join(root, '.env'), quiet: true });
  for (const name of SETTINGS) if (process.env[name] === '') delete process.env[name];
}

/**
 * Runs a TypeScript command of scripts/lib (import, export) the way the site's server code runs: under tsx and with
 * the react-server condition the data layer needs, with .env loaded; exits with its status (2 without DATABASE_URL).
 */
export function runServerScript(file) {
  loadEnv();
  // The data layer reads DATABASE_URL as it loads, before the script's own code runs: without
  // it the child would die with a stack trace. Exit 2: the command could not start.
  if (!process.env.DATABASE_URL) {
    console.error("error: DATABASE_URL is not set: point it at the site's database (environment or .env)");
    process.exit(2);
  }
  const args = ['--conditions=react-server', '--import', 'tsx', path.join(root, 'scripts', 'lib', file), ...process.argv.slice(2)];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit', env: process.env });
  process.exit(result.status ?? 1);
}

/** An error whose message is the whole story: print it on one line, no stack. */
export class UserError extends Error {}

/** Runs a command with inherited stdio; resolves to its exit code (128+n when killed by a signal). */
export function run(command, args, { env = process.env, cwd = root, onSpawn } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    onSpawn?.(child);
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? osSignal(signal) : 1)));
  });
}

function osSignal(name) {
  return { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 }[name] ?? 1;
}

/** Waits until something accepts TCP connections on host:port, or the deadline passes. */
export async function waitForPort(port, host = '127.0.0.1', timeoutMs = 60_000, isCancelled = () => false) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !isCancelled()) {
    const open = await new Promise((resolve) => {
      const socket = net.connect({ port, host });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(databaseUrl, name) {
  const url = new URL(databaseUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.toString();
}

/** host:port/db of a PostgreSQL URL, without credentials, for messages. */
export function describeUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  return `${url.hostname}:${url.port || 5432}${url.pathname}`;
}
