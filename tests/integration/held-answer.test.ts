import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import zlib from 'node:zlib';
import { holdAnswer } from '../../server/held-answer.mjs';

// The helper under server/csp.mjs and server/not-found.mjs, on a real server: an answer is
// held or passed as `hold` says once its head is known, with Next's own compression wrapping
// the methods after it (as router-server.js does), so a held answer's chunks arrive compressed;
// what compression would not pass on (callbacks, raw headers) is written to the helper directly.

type Res = http.ServerResponse;
type Scenario = {
  // Without the compression layer: it passes neither write callbacks nor a raw header list on, and end(callback) throws in it.
  bare?: boolean;
  hold?: (res: Res) => boolean;
  keepBody?: boolean;
  finish?: (body: Buffer, send: (body: Buffer) => void, res: Res) => void | Promise<void>;
  respond: (res: Res) => void | Promise<void>;
};

const isHtml = (res: Res) => /^text\/html\b/.test(String(res.getHeader('content-type') ?? ''));
const PAGE = `<p>${'hello '.repeat(400)}</p>`;
const calls = { hold: 0, finish: 0, callbacks: 0, heads: [] as string[], bodies: [] as string[] };
let release: () => void = () => {};

const scenarios: Record<string, Scenario> = {
  // Every kind of chunk, written after an early flushHeaders; the head can still change at the end.
  '/held': {
    bare: true,
    respond: (res) => {
      res.statusCode = 200;
      res.setHeader('content-type', 'text/html; charset=utf-8');
      res.flushHeaders();
      res.write('<p>', () => (calls.callbacks += 1));
      res.write('6869', 'hex', () => (calls.callbacks += 1));
      res.write(new Uint8Array([0x20, 0x74, 0x68]));
      const reused = Buffer.from('ere');
      res.write(reused);
      reused.fill(0x21); // a writer reusing its buffer: the held copy keeps what was written
      res.setHeader('x-late', 'set after flushHeaders');
      res.end('</p>', 'utf8', () => (calls.callbacks += 1));
    },
  },
  '/write-head': {
    respond: (res) => void res.writeHead(201, 'Made', { 'content-type': 'text/html', 'x-from-write-head': 'kept' }).end('made'),
  },
  '/raw-headers': {
    bare: true,
    respond: (res) => void res.writeHead(200, ['content-type', 'text/html', 'x-raw', 'yes']).end('raw'),
  },
  '/dropped': {
    keepBody: false,
    finish: (body, send) => send(Buffer.from(`replaced ${body.length}`)),
    respond: (res) => {
      res.setHeader('content-type', 'text/html');
      res.write('never ');
      res.end('read');
    },
  },
  '/empty': {
    bare: true,
    respond: (res) => {
      res.setHeader('content-type', 'text/html');
      res.end(() => (calls.callbacks += 1));
    },
  },
  // Over compression's 1 KB threshold: with gzip asked for, the held chunks are gzip.
  '/compressed': {
    respond: (res) => {
      res.setHeader('content-type', 'text/html');
      res.write(PAGE.slice(0, 1000));
      res.end(PAGE.slice(1000));
    },
  },
  '/stream': {
    respond: async (res) => {
      res.setHeader('content-type', 'application/json');
      res.flushHeaders();
      res.write('[1,');
      await new Promise<void>((resolve) => (release = resolve));
      res.end('2]');
    },
  },
  '/fail': {
    finish: async () => {
      throw new Error('finish failed on purpose');
    },
    respond: (res) => {
      res.setHeader('content-type', 'text/html');
      res.end('lost');
    },
  },
};

const compression = createRequire(import.meta.url)('next/dist/compiled/compression') as () => (req: http.IncomingMessage, res: Res, next: () => void) => void;
let server: http.Server;
let base = '';

before(async () => {
  const compress = compression();
  server = http.createServer((req, res) => {
    const scenario = scenarios[req.url ?? ''];
    if (!scenario) return void res.writeHead(400).end();
    holdAnswer(res, {
      hold: (answer) => {
        calls.hold += 1;
        calls.heads.push(`${answer.statusCode} ${String(answer.getHeader('content-type'))}`);
        return (scenario.hold ?? isHtml)(answer);
      },
      keepBody: scenario.keepBody ?? true,
      finish: (body, send) => {
        calls.finish += 1;
        calls.bodies.push(body.toString('latin1'));
        res.setHeader('x-finished', 'yes');
        return scenario.finish ? scenario.finish(body, send, res) : send(body);
      },
    });
    if (scenario.bare) void scenario.respond(res);
    else compress(req, res, () => void scenario.respond(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

/** A raw GET: status, message, headers and the bytes as sent (not decompressed). */
function get(path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; message: string; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    http
      .get(base + path, { headers: { 'accept-encoding': 'identity', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, message: res.statusMessage ?? '', headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      // An answer that never comes fails its test instead of stalling the run.
      .setTimeout(5000, function (this: http.ClientRequest) {
        this.destroy(new Error('no answer within 5 s'));
      })
      .on('error', reject);
  });
}

const reset = () => Object.assign(calls, { hold: 0, finish: 0, callbacks: 0, heads: [], bodies: [] });

test('a held answer goes out whole with a Content-Length: every kind of chunk copied, write and end callbacks called', async () => {
  reset();
  const res = await get('/held');
  assert.equal(res.body.toString(), '<p>hi there</p>');
  assert.deepEqual([res.headers['content-length'], res.headers['transfer-encoding']], ['15', undefined]);
  assert.deepEqual([res.headers['x-late'], res.headers['x-finished']], ['set after flushHeaders', 'yes']);
  assert.deepEqual([calls.hold, calls.finish, calls.callbacks, calls.heads], [1, 1, 3, ['200 text/html; charset=utf-8']]);
});

test("writeHead's headers and status message are kept for the held head; a raw header list passes without asking", async () => {
  reset();
  const made = await get('/write-head');
  assert.deepEqual([made.status, made.message, made.body.toString()], [201, 'Made', 'made']);
  assert.deepEqual([made.headers['x-from-write-head'], made.headers['x-finished'], made.headers['content-length']], ['kept', 'yes', '4']);
  assert.deepEqual(calls.heads, ['201 text/html']);
  reset();
  const raw = await get('/raw-headers');
  assert.deepEqual([raw.body.toString(), raw.headers['x-raw'], raw.headers['x-finished']], ['raw', 'yes', undefined]);
  assert.deepEqual([calls.hold, calls.finish], [0, 0]);
});

test('keepBody: false drops the chunks; a body-less end(callback) sends an empty body and calls back', async () => {
  reset();
  const dropped = await get('/dropped');
  assert.equal(dropped.body.toString(), 'replaced 0');
  reset();
  const empty = await get('/empty');
  assert.deepEqual([empty.status, empty.body.length, empty.headers['content-length'], calls.finish, calls.callbacks], [200, 0, '0', 1, 1]);
});

test('under a compression layer wrapping after it, the held body is the compressed one, sent whole', async () => {
  reset();
  const res = await get('/compressed', { 'accept-encoding': 'gzip' });
  assert.equal(res.headers['content-encoding'], 'gzip');
  assert.equal(res.headers['content-length'], String(res.body.length));
  assert.equal(res.headers['transfer-encoding'], undefined);
  assert.equal(zlib.gunzipSync(res.body).toString(), PAGE);
  assert.equal(zlib.gunzipSync(Buffer.from(calls.bodies[0] ?? '', 'latin1')).toString(), PAGE);
});

test('an answer not held streams: its first chunk arrives before it ends, chunked', async () => {
  reset();
  const first = await new Promise<{ headers: http.IncomingHttpHeaders; text: Promise<string> }>((resolve, reject) => {
    http
      .get(`${base}/stream`, { headers: { 'accept-encoding': 'identity' } }, (res) => {
        let text = '';
        const ended = new Promise<string>((done) => res.on('end', () => done(text)));
        res.once('data', (chunk: Buffer) => {
          text += chunk.toString();
          resolve({ headers: res.headers, text: ended });
          res.on('data', (more: Buffer) => (text += more.toString()));
          release(); // the server ends only now: this chunk was streamed, not held
        });
      })
      .on('error', reject);
  });
  assert.equal(first.headers['transfer-encoding'], 'chunked');
  assert.equal(await first.text, '[1,2]');
  assert.deepEqual([calls.hold, calls.finish, calls.heads], [1, 0, ['200 application/json']]);
});

test('a finish that fails cuts the connection instead of leaving it hanging', async () => {
  await assert.rejects(get('/fail'), /socket hang up|ECONNRESET/);
});
