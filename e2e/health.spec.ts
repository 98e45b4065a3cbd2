import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { expect, test } from '@playwright/test';

// GET /api/health on the production server, and its graceful stop on SIGTERM (a second
// server process on the suite's build and database, so the suite's own server goes on).

test('/api/health names the database check, answers 200 and is never cached', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toBe('no-store');
  expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok' } });
  expect((await request.post('/api/health')).status()).toBe(405);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['server/server.mjs'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRUST_PROXY: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready:') && resolve());
    child.once('exit', (code) => reject(new Error(`server exited early (${code})`)));
  });
  return child;
}

/** A POST whose body arrives in two parts: the request stays in flight until the second. */
function slowPost(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  const body = JSON.stringify({ postId: 'x'.repeat(24), body: 'held open' });
  const answer = new Promise<string>((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
  });
  socket.write(`POST /api/comments HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`);
  return { answer, finish: () => socket.write(body.slice(10)) };
}

test('SIGTERM: new connections (health checks included) are refused at once, the request in flight is answered, exit 0', async () => {
  test.setTimeout(60_000);
  const port = await freePort();
  const child = await startServer(port);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const held = slowPost(port);
  // Let the server read the request's head so it is in flight.
  await new Promise((resolve) => setTimeout(resolve, 300));
  child.kill('SIGTERM');
  // A check already accepted when the signal lands is still answered (503); then refused.
  const probe = () =>
    fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) }).then(
      (r) => r.status,
      (error: Error & { cause?: { code?: string } }) => (error.cause?.code === 'ECONNREFUSED' ? 'refused' : error.name),
    );
  await expect.poll(probe, { timeout: 15_000 }).toBe('refused');
  held.finish();
  const answer = await held.answer;
  // Answered by the app (no session: 401), not cut off.
  expect(answer).toMatch(/^HTTP\/1\.1 401 /);
  expect(await exited).toBe(0);
});
