// The two-command start: `node scripts/start.mjs` with no DATABASE_URL starts an embedded PostgreSQL
// in a fresh data dir, migrates, seeds, serves the blog, prints the link that creates the first admin
// (which works without JavaScript), and on Ctrl-C (SIGINT) stops everything and exits 0. Run by scripts/test.mjs after the e2e build, so .next is normally current (the build hash
// covers the sources only: one build serves any SITE_URL); otherwise start.mjs builds first.
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

const decode = (text) => text.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The /setup form's hidden fields (React's action fields and the token), as a browser without JavaScript posts them. */
function hiddenFields(html) {
  const form = /<form[^>]*method="POST"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] ?? '';
  const fields = new FormData();
  for (const [, attrs] of form.matchAll(/<input([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attrs)?.[1];
    if (name && /type="hidden"/.test(attrs)) fields.set(decode(name), decode(/value="([^"]*)"/.exec(attrs)?.[1] ?? ''));
  }
  return fields;
}

/** The printed setup link: 403 without its token; with it, the form, whose plain post makes a signed-in admin; then 404. */
async function firstAdminThroughSetupLink(origin, readOutput) {
  let link;
  for (let i = 0; i < 40 && !(link = /setup: create the first admin account: (\S+)/.exec(readOutput())); i++) await new Promise((r) => setTimeout(r, 250));
  assert.ok(link, `start.mjs printed the setup link:\n${readOutput()}`);
  const setup = `${origin}/setup?token=${new URL(link[1]).searchParams.get('token')}`;
  assert.equal((await fetch(`${origin}/setup?token=wrong`)).status, 403);
  const page = await fetch(setup);
  assert.equal(page.status, 200);
  const fields = hiddenFields(await page.text());
  assert.ok(fields.has('token') && fields.has('$ACTION_KEY'), 'the page has the setup form');
  for (const [name, value] of [['name', 'Site Owner'], ['email', 'owner@example.test'], ['password', 'violet-harbor-lantern-42']]) fields.set(name, value);
  const posted = await fetch(setup, { method: 'POST', body: fields, redirect: 'manual', headers: { origin } });
  assert.equal(posted.status, 303, 'the plain form post is answered with a redirect');
  assert.equal(posted.headers.get('location'), '/admin');
  const cookie = posted.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const admin = await fetch(`${origin}/admin`, { headers: { cookie } });
  assert.equal(admin.status, 200);
  assert.match((await admin.text()).replaceAll('<!-- -->', ''), /Signed in as <strong>Site Owner<\/strong> \(admin\)/);
  assert.equal((await fetch(setup)).status, 404, 'setup is closed once an admin can sign in');
}

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
  await firstAdminThroughSetupLink(`http://127.0.0.1:${port}`, () => output);

  child.kill('SIGINT');
  const { code, signal } = await exited;
  assert.equal(signal, null, `start.mjs was killed by ${signal}:\n${output}`);
  assert.equal(code, 0, `start.mjs exit code after SIGINT:\n${output}`);
  assert.equal(await accepts(dbPort), false, 'the embedded PostgreSQL is stopped');
  assert.equal(await accepts(port), false, 'the web server is stopped');
  assert.equal(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid')), false, 'postgres shut down cleanly');
});
