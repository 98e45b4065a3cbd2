import assert from 'node:assert/strict';
import http from 'node:http';
import { createConnection, type AddressInfo } from 'node:net';
import { before, test } from 'node:test';
import { BODY_LIMIT_BYTES, hstsHeader, SECURITY_HEADERS } from '../../lib/hardening.mjs';
import { BusyError, createSlots } from '../../lib/auth/work-slots';

// Issue 15, items 2–4 without a build: the bounded slots password hashing runs in, the
// password module's use of them (real argon2), HSTS, and the production server's body limit
// and busy answer (server/hardening.mjs) on a real HTTP server. The burst, the idle
// connections and the headers on real pages are in e2e/hardening.spec.ts.

let password: typeof import('../../lib/auth/password');
let passwordWork: typeof import('../../lib/auth/password-work');
let hardening: typeof import('../../server/hardening.mjs');

before(async () => {
  // lib/env.ts reads the environment once: one hash at a time, one waiting, briefly.
  process.env.PASSWORD_HASH_CONCURRENCY = '1';
  process.env.PASSWORD_HASH_QUEUE = '1';
  process.env.PASSWORD_HASH_WAIT_MS = '10000';
  password = await import('../../lib/auth/password');
  passwordWork = await import('../../lib/auth/password-work');
  hardening = await import('../../server/hardening.mjs');
});

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

test('slots run at most `concurrency` at once, queue `queue` more, refuse the rest at once', async () => {
  const slots = createSlots({ concurrency: 2, queue: 3, waitMs: 5000 });
  const g = gate();
  let running = 0;
  let peak = 0;
  const work = async () => {
    running++;
    peak = Math.max(peak, running);
    await g.opened;
    running--;
    return 'done';
  };
  const accepted = Array.from({ length: 5 }, () => slots.run(work));
  const refused = await Promise.allSettled(Array.from({ length: 4 }, () => slots.run(work)));
  for (const r of refused) {
    assert.equal(r.status, 'rejected');
    assert.ok(r.status === 'rejected' && r.reason instanceof BusyError);
    assert.equal(r.status === 'rejected' && r.reason.retryAfterS, 5);
  }
  assert.deepEqual(slots.stats(), { active: 2, waiting: 3, refused: 4 });
  g.open();
  assert.deepEqual(await Promise.all(accepted), ['done', 'done', 'done', 'done', 'done']);
  assert.equal(peak, 2);
});

test('a waiter whose wait runs out is refused, and its turn later does no work', async () => {
  const slots = createSlots({ concurrency: 1, queue: 5, waitMs: 50 });
  const g = gate();
  let ran = 0;
  const first = slots.run(async () => {
    ran++;
    await g.opened;
  });
  const late = slots.run(async () => void ran++);
  await assert.rejects(late, (error: unknown) => error instanceof BusyError && error.retryAfterS === 1);
  assert.equal(slots.stats().waiting, 0);
  g.open();
  await first;
  await slots.run(async () => void ran++);
  assert.equal(ran, 2, 'the timed-out work never ran');
});

test('an error of the work reaches its caller and frees the slot', async () => {
  const slots = createSlots({ concurrency: 1, queue: 0, waitMs: 100 });
  await assert.rejects(slots.run(() => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(await slots.run(async () => 7), 7);
});

test('password hashing and checking go through the slots: a burst gets BusyError, not more hashes', async () => {
  const stored = await password.hashPassword('correct horse battery staple');
  const attempts = await Promise.allSettled(Array.from({ length: 12 }, () => password.checkPassword(stored, 'wrong password here')));
  const busy = attempts.filter((a) => a.status === 'rejected' && a.reason instanceof BusyError).length;
  const answered = attempts.filter((a) => a.status === 'fulfilled');
  assert.equal(busy + answered.length, 12, 'nothing but answers and BusyError');
  assert.equal(answered.length, 2, 'one ran and one waited; the other ten were refused');
  for (const a of answered) assert.equal(a.status === 'fulfilled' && a.value, false);
  assert.equal(await password.checkPassword(stored, 'correct horse battery staple'), true, 'free again afterwards');
  const work = await passwordWork.passwordWorkOrBusy(() => Promise.reject(new BusyError(3)));
  assert.deepEqual(work, { ok: false, retryAfterS: 3 });
});

test('HSTS only for an https SITE_URL, one year unless HSTS_MAX_AGE says otherwise', () => {
  assert.equal(hstsHeader('http://localhost:3000', undefined), null);
  assert.equal(hstsHeader('https://blog.example.com', undefined), 'max-age=31536000');
  assert.equal(hstsHeader('https://blog.example.com', '600'), 'max-age=600');
  assert.equal(hstsHeader('https://blog.example.com', '0'), null);
  assert.throws(() => hstsHeader('https://blog.example.com', 'soon'), /HSTS_MAX_AGE/);
  assert.ok(SECURITY_HEADERS.some(([name, value]) => name === 'Permissions-Policy' && value.includes('camera=()')));
  const before = process.env.SITE_URL;
  try {
    for (const [site, hsts] of [['https://blog.example.com', 'max-age=31536000'], ['http://localhost:3000', undefined]] as const) {
      process.env.SITE_URL = site;
      const set = new Map<string, string>();
      hardening.createHeaders()({ setHeader: (name: string, value: string) => set.set(name, value) } as unknown as http.ServerResponse);
      assert.equal(set.get('Strict-Transport-Security'), hsts);
      assert.equal(set.get('Cross-Origin-Opener-Policy'), 'same-origin');
    }
  } finally {
    if (before === undefined) delete process.env.SITE_URL;
    else process.env.SITE_URL = before;
  }
});

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((r) => server.close(r)) };
}

test('the production server refuses a body over the limit (413) or of unknown length (411) before reading it', async () => {
  let reached = 0;
  const site = await serve((req, res) => {
    if (hardening.refuseLargeBody(req, res)) return;
    reached++;
    req.resume();
    req.on('end', () => res.end('ok'));
  });
  try {
    const big = await fetch(`${site.origin}/post/x`, { method: 'POST', body: 'x'.repeat(BODY_LIMIT_BYTES + 1) });
    assert.equal(big.status, 413);
    assert.match(await big.text(), /too large \(2 MB at most\)/);
    const api = await fetch(`${site.origin}/api/comments`, { method: 'POST', body: 'x'.repeat(BODY_LIMIT_BYTES + 1) });
    assert.equal(api.status, 413);
    assert.match(((await api.json()) as { error: string }).error, /too large/);
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('x')), c.close()) });
    const chunked = await fetch(`${site.origin}/signin`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    assert.equal(chunked.status, 411);
    const small = await fetch(`${site.origin}/signin`, { method: 'POST', body: 'x'.repeat(1000) });
    assert.equal(small.status, 200);
    const upload = await fetch(`${site.origin}/api/admin/media`, { method: 'POST', body: 'x'.repeat(BODY_LIMIT_BYTES + 1) });
    assert.equal(upload.status, 200, 'the upload routes keep their own, larger limits');
    assert.equal(reached, 2);
  } finally {
    await site.close();
  }
});

test('a request marked busy answers 503 with Retry-After; a plain form post keeps its redirect', async () => {
  const site = await serve((req, res) => {
    hardening.createHeaders()(res);
    void hardening.withBusyAnswer(req, res, async () => {
      await new Promise((r) => setTimeout(r, 5));
      if (req.url !== '/calm') hardening.answerBusy(2);
      if (req.url === '/redirect') res.writeHead(303, { location: '/signin' }).end();
      else res.end('answer');
    });
  });
  try {
    const busy = await fetch(`${site.origin}/busy`, { method: 'POST', body: 'a=1' });
    assert.equal(busy.status, 503);
    assert.equal(busy.headers.get('retry-after'), '2');
    assert.equal(busy.headers.get('cross-origin-opener-policy'), 'same-origin');
    const redirect = await fetch(`${site.origin}/redirect`, { method: 'POST', body: 'a=1', redirect: 'manual' });
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.get('retry-after'), '2');
    const calm = await fetch(`${site.origin}/calm`, { method: 'POST', body: 'a=1' });
    assert.equal(calm.status, 200);
    assert.equal(calm.headers.get('retry-after'), null);
  } finally {
    await site.close();
  }
});

test('the timed server cuts off connections that send nothing or never finish their headers (408)', async () => {
  process.env.HEADERS_TIMEOUT_MS = '1000';
  const server = hardening.createTimedServer((_req, res) => res.end('ok'));
  delete process.env.HEADERS_TIMEOUT_MS;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  try {
    const answers = await Promise.all(
      ['', 'GET / HTTP/1.1\r\nHost: x\r\n'].map(
        (sent) =>
          new Promise<string>((resolve) => {
            let text = '';
            const socket = createConnection(port, '127.0.0.1', () => socket.write(sent));
            socket.on('data', (chunk) => (text += chunk));
            socket.on('error', () => {});
            socket.on('close', () => resolve(text));
          }),
      ),
    );
    for (const answer of answers) assert.match(answer, /^HTTP\/1\.1 408 /);
    assert.equal(server.keepAliveTimeout, 5000);
  } finally {
    server.close();
  }
});
