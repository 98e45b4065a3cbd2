import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { createHealth } from '../../lib/health.mjs';
import { createShutdown } from '../../server/shutdown.mjs';

// The production server's health check and graceful stop (lib/health.mjs,
// server/shutdown.mjs), on a plain node:http server whose requests the test holds open.

interface Harness {
  base: string;
  server: http.Server;
  release: () => void;
  arrived: Promise<void>;
  events: string[];
  exited: Promise<number>;
  shutdown: ReturnType<typeof createShutdown>;
  health: ReturnType<typeof createHealth>;
}

async function start({ graceMs = 10_000, database = async () => {} } = {}): Promise<Harness> {
  const events: string[] = [];
  let release = () => {};
  let arrive = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  const server = http.createServer((req, res) => {
    if (req.url === '/api/health') return void health.handle(req, res);
    arrive();
    void held.then(() => {
      events.push('request finished');
      res.end('done');
    });
  });
  let exit: (code: number) => void = () => {};
  const exited = new Promise<number>((resolve) => (exit = resolve));
  const shutdown = createShutdown({ server, graceMs, log: () => {}, exit: (code) => exit(code) });
  const health = createHealth({ checks: { database }, stopping: shutdown.stopping, log: () => {} });
  shutdown.atOnce(() => events.push('background work stopped'));
  shutdown.afterRequests(() => events.push('pools closed'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, server, release: () => release(), arrived, events, exited, shutdown, health };
}

test('health answers 200 with each check named, 503 when a dependency fails, never cached', async () => {
  let up = true;
  const h = await start({ database: async () => {
    if (!up) throw new Error('connection refused');
  } });
  const ok = await fetch(`${h.base}/api/health`);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await ok.json(), { status: 'ok', checks: { database: 'ok' } });
  up = false;
  const down = await fetch(`${h.base}/api/health`);
  assert.equal(down.status, 503);
  const body = await down.json();
  assert.deepEqual(body, { status: 'failing', checks: { database: 'failing' } });
  assert.doesNotMatch(JSON.stringify(body), /refused/, 'no error text leaves the server');
  assert.equal((await fetch(`${h.base}/api/health`, { method: 'POST' })).status, 405);
  h.server.closeAllConnections();
  h.server.close();
});

test('on a stop signal: health fails, new connections are refused, the request in flight finishes, then the process exits 0', async () => {
  const h = await start();
  const inFlight = fetch(`${h.base}/slow`).then(async (res) => ({ status: res.status, body: await res.text() }));
  await h.arrived;
  void h.shutdown.begin('SIGTERM');
  assert.equal(h.shutdown.stopping(), true);
  assert.equal((await h.health.report()).status, 503);
  assert.deepEqual(h.events, ['background work stopped']);
  await assert.rejects(fetch(`${h.base}/other`, { headers: { connection: 'close' } }), 'a new connection is refused');
  h.release();
  assert.deepEqual(await inFlight, { status: 200, body: 'done' });
  assert.equal(await h.exited, 0);
  assert.deepEqual(h.events, ['background work stopped', 'request finished', 'pools closed']);
});

test('a request still running when the grace period ends is cut off and the process exits anyway', async () => {
  const h = await start({ graceMs: 300 });
  const inFlight = fetch(`${h.base}/never`).then(
    () => 'answered',
    () => 'cut off',
  );
  await h.arrived;
  void h.shutdown.begin('SIGTERM');
  assert.equal(await h.exited, 1);
  assert.equal(await inFlight, 'cut off');
  h.release();
});
