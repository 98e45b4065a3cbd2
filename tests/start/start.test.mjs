// The two-command start: `node scripts/start.mjs` with no DATABASE_URL starts an embedded PostgreSQL
// in a fresh data dir, migrates, seeds, serves the blog, and on Ctrl-C (SIGINT) stops everything and
// exits 0. Run by scripts/test.mjs after the e2e build, so .next is normally current (SITE_URL is
// passed through unchanged to keep the build hash equal); otherwise start.mjs builds first.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { getFreePort as freePort } from '../../scripts/embedded-db.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('npm start serves the seeded blog with an embedded database and stops cleanly on Ctrl-C', { timeout: 600_000 }, async (t) => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'quire-start-'));
  t.after(() => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();

  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    // Empty values hide any DATABASE_URL / AUTH_SECRET in .env: this is the fresh-machine path.
    env: { ...process.env, DATABASE_URL: '', AUTH_SECRET: '', NEXTAUTH_SECRET: '', QUIRE_DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  t.after(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'));

  // Wait for the page, failing early if the script gives up.
  let body = '';
  let status = 0;
  const deadline = Date.now() + 540_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      status = response.status;
      body = await response.text();
      if (status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  assert.equal(child.exitCode, null, `start.mjs exited early:\n${output}`);
  assert.equal(status, 200, `GET / answered ${status}:\n${output}`);
  assert.match(body, /seopmaspire/, 'the home page shows the seeded site');

  const dbLine = /database: embedded PostgreSQL at 127\.0\.0\.1:(\d+)\//.exec(output);
  assert.ok(dbLine, `start.mjs announced its embedded database:\n${output}`);
  const dbPort = Number(dbLine[1]);
  assert.ok(await accepts(dbPort), 'the embedded PostgreSQL accepts connections while serving');
  assert.ok(existsSync(path.join(dataDir, 'auth-secret')), 'a local AUTH_SECRET was generated and kept');
  assert.match(output, /build: up to date|build: done/);

  child.kill('SIGINT');
  const { code, signal } = await exited;
  assert.equal(signal, null, `start.mjs was killed by ${signal}:\n${output}`);
  assert.equal(code, 0, `start.mjs exit code after SIGINT:\n${output}`);
  assert.equal(await accepts(dbPort), false, 'the embedded PostgreSQL is stopped');
  assert.equal(await accepts(port), false, 'the web server is stopped');
  assert.equal(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), false, 'postgres shut down cleanly');
});
