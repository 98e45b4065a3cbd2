import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { expect, PASSWORD, test } from './helpers/fixtures';
import { startOwnServer, type OwnServer } from './helpers/own-server';
import { openForm, submitForm, type PlainForm } from './helpers/plain-form';
import { SEED_SLUG } from './helpers/site';
import { createUser, sessionCookieHeader } from './helpers/users';

// Issue 15, items 2–4, against a production server of this spec's own (server/server.mjs,
// so its memory can be read): the security headers on every kind of answer, a burst of
// sign-in attempts against the bounded password hashing, and 500 idle connections.
// HEADERS_TIMEOUT_MS is short here so the idle connections are seen being cut off.

test.describe.configure({ mode: 'serial' });

let server: OwnServer;

test.beforeAll(async () => {
  server = await startOwnServer({ env: { HEADERS_TIMEOUT_MS: '2000' } });
});

test.afterAll(async () => {
  await server?.stop();
});

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Number(kb) / 1024;
}

const POLICY = /camera=\(\).*geolocation=\(\).*microphone=\(\)/;

function expectSecurityHeaders(res: Response, what: string) {
  expect(res.headers.get('permissions-policy'), what).toMatch(POLICY);
  expect(res.headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  // SITE_URL is http in the e2e run: no HSTS (tests/integration/hardening.test.ts checks https).
  expect(res.headers.get('strict-transport-security'), what).toBeNull();
}

test('cached, signed-in, admin, API and refused answers all carry the security headers', async ({ page }) => {
  const { origin } = server;
  await fetch(`${origin}/`);
  const cached = await fetch(`${origin}/`);
  expect(cached.headers.get('x-quire-cache')).toBe('HIT');
  expectSecurityHeaders(cached, 'microcache hit');

  const reader = await createUser();
  const admin = await createUser({ role: 'ADMIN' });
  const slug = SEED_SLUG;
  const api = await fetch(`${origin}/api/v1/posts/${slug}`);
  expect(api.status).toBe(200);
  expectSecurityHeaders(api, 'API');
  const signedIn = await fetch(`${origin}/post/${slug}`, { headers: { cookie: await sessionCookieHeader(reader) } });
  expect(signedIn.status).toBe(200);
  expectSecurityHeaders(signedIn, 'signed-in shell');
  const adminPage = await fetch(`${origin}/admin`, { headers: { cookie: await sessionCookieHeader(admin) } });
  expect(adminPage.status).toBe(200);
  expectSecurityHeaders(adminPage, 'admin');
  expectSecurityHeaders(await fetch(`${origin}/api/health`), 'health');
  const tooLarge = await postTooLarge(`${origin}/signin`);
  expect(tooLarge.status).toBe(413);
  expectSecurityHeaders(tooLarge, '413');

  // Chromium understands every feature the policy names (an unknown one is a console error).
  const messages: string[] = [];
  page.on('console', (message) => messages.push(message.text()));
  await page.goto(`${origin}/post/${slug}`);
  await expect(page.locator('h1').first()).toBeVisible();
  expect(messages.filter((text) => /Permissions-Policy|Cross-Origin-Opener/i.test(text))).toEqual([]);
});

/**
 * A POST announcing 2 MB + 1 byte that sends only its first kilobyte: the server answers 413 from the headers
 * alone and closes the connection (a client still writing the rest would see the socket cut, EPIPE).
 */
function postTooLarge(url: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(2 * 1024 * 1024 + 1) } }, (res) => {
      res.resume();
      const headers = new Headers();
      for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') headers.set(name, value);
      resolve(new Response(null, { status: res.statusCode ?? 0, headers }));
    });
    request.on('error', reject);
    request.write('x'.repeat(1024));
  });
}

/** Signs in through the plain form; on a busy answer (Retry-After) waits as told and tries again. */
async function signIn(form: PlainForm, email: string, address: string): Promise<{ ms: number; tries: number; ok: boolean }> {
  const started = Date.now();
  for (let tries = 1; ; tries++) {
    const res = await submitForm(form, { set: { email, password: PASSWORD }, headers: { 'x-forwarded-for': address } });
    const retryAfter = res.headers.get('retry-after');
    if (!retryAfter || Date.now() - started > 10_000) {
      return { ms: Date.now() - started, tries, ok: res.status === 303 && /session-token=/.test(res.headers.get('set-cookie') ?? '') };
    }
    await new Promise((resolve) => setTimeout(resolve, Number(retryAfter) * 1000));
  }
}

test('200 sign-in attempts at once from 50 addresses: no 5xx but 503, bounded memory, a reader still gets in', async () => {
  test.setTimeout(120_000);
  const { origin } = server;
  const known = await Promise.all(Array.from({ length: 10 }, () => createUser()));
  const reader = await createUser();
  const form = await openForm(`${origin}/signin`, (f) => f.fields.some(([name]) => name === 'password'));
  // Warm up the action and the dummy hash, then take the baseline.
  await submitForm(form, { set: { email: 'warm.up@example.test', password: 'not the password 1' }, headers: { 'x-forwarded-for': '203.0.113.250' } });
  const baseline = rssMb(server.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 25);

  const burst = Array.from({ length: 200 }, (_, i) => {
    const email = i % 2 === 0 ? (known[i % known.length]?.email ?? '') : `nobody.${i}@example.test`;
    return submitForm(form, { set: { email, password: `wrong password ${i}` }, headers: { 'x-forwarded-for': `198.51.100.${(i % 50) + 1}` } });
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const readerSignIn = signIn(form, reader.email, '203.0.113.7');
  const answers = await Promise.all(burst);
  const mine = await readerSignIn;
  clearInterval(sampler);

  const statuses = answers.map((res) => res.status);
  const busy = answers.filter((res) => res.headers.get('retry-after') !== null).length;
  const byStatus = Object.fromEntries([...new Set(statuses)].map((s) => [s, statuses.filter((x) => x === s).length]));
  const rise = peak - baseline;
  console.log(`burst: statuses ${JSON.stringify(byStatus)}, busy answers ${busy}, RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MB (+${rise.toFixed(0)}), reader signed in after ${mine.ms} ms in ${mine.tries} tries`);
  expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
  // Whether the queue overflows (busy answers) depends on how fast this machine parses the posts against how fast
  // it hashes: 40 and 3 of 200 in two runs, 0 on a quiet one. That the bound refuses a burst past its queue is
  // tested with real argon2 in tests/integration/hardening.test.ts; here every answer is a 303 or a busy one.
  expect(statuses.filter((s) => s !== 303 && s !== 503)).toEqual([]);
  expect(rise).toBeLessThan(150);
  // The issue names 5 s for the reader: a figure for the benchmark notes (printed above), not an assertion that a
  // loaded CI machine could fail; that the reader gets in at all, through the bound, is the test.
  expect(mine.ok).toBe(true);
});

test('500 idle connections: the site still answers, and the headers timeout cuts them off', async () => {
  const { origin } = server;
  const { port } = new URL(origin);
  let closed = 0;
  const sockets = await Promise.all(
    Array.from({ length: 500 }, (_, i) => new Promise<net.Socket>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        // Half say nothing; half start a request and never finish its headers (slow-loris).
        if (i % 2) socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n');
        resolve(socket);
      });
      // Read what comes (the 408): a socket nobody reads never sees the server's end, nor emits 'close'.
      socket.resume();
      socket.on('close', () => closed++);
      // The server's 408 and close may come as a reset once it has dropped the socket.
      socket.on('error', () => {});
    })),
  );
  try {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    // HEADERS_TIMEOUT_MS=2000 here: the silent and the unfinished connections alike are closed (408) once it has
    // passed, checked every half second; the wait allows for a loaded machine, the point is that they go.
    await expect.poll(() => closed, { timeout: 30_000, message: 'idle connections closed by the server' }).toBe(500);
    expect((await fetch(`${origin}/`)).status).toBe(200);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});
