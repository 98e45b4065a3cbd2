import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

// The Content-Security-Policy's report endpoint (lib/csp-report.ts, behind
// app/api/csp-report): both forms browsers send, refusals with a message, and the
// per-address budget counted in PostgreSQL (lib/rate-limit.ts: 60 a minute).
delete process.env.RATE_LIMIT_MULTIPLIER;
let report: typeof import('../../lib/csp-report');

before(async () => {
  report = await import('../../lib/csp-report');
});

after(() => (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end());

let n = 0;
const address = () => `203.0.113.${(n += 1)}-${Date.now()}`;

async function send(contentType: string, body: string, from = address()) {
  const lines: string[] = [];
  const answer = await report.acceptCspReport({ address: from, contentType, declaredLength: Buffer.byteLength(body), read: async () => body }, (line) => lines.push(line));
  return { answer, lines };
}

const LEGACY = JSON.stringify({
  'csp-report': { 'document-uri': 'http://site/post/a', 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline', 'script-sample': 'alert(1)', disposition: 'report', 'line-number': 3 },
});

test('a report-uri report (application/csp-report): 204 and one log line with what was blocked', async () => {
  const { answer, lines } = await send('application/csp-report', LEGACY);
  assert.deepEqual(answer, { status: 204 });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /^csp violation: .*"directive":"script-src-elem".*"blocked":"inline".*"sample":"alert\(1\)"/);
});

test('a Reporting API batch (application/reports+json): one line per csp-violation, other types skipped', async () => {
  const batch = [
    { type: 'csp-violation', url: 'http://site/', body: { documentURL: 'http://site/', effectiveDirective: 'script-src-elem', blockedURL: 'inline', disposition: 'enforce' } },
    { type: 'deprecation', url: 'http://site/', body: {} },
  ];
  const { answer, lines } = await send('application/reports+json', JSON.stringify(batch));
  assert.deepEqual(answer, { status: 204 });
  assert.equal(lines.length, 1);
  assert.match(lines[0] ?? '', /"disposition":"enforce"/);
});

test('bad input: 400 with a message; another content type 415; too large 413; nothing logged', async () => {
  const cases: Array<[string, string, number, RegExp]> = [
    ['application/csp-report', '{not json', 400, /not JSON/],
    ['application/csp-report', '{"csp-report":"x"}', 400, /Not a CSP report/],
    ['application/csp-report', JSON.stringify({ 'csp-report': { 'line-number': -1 } }), 400, /Not a CSP report/],
    ['application/reports+json', '[]', 400, /at least one report/],
    ['application/reports+json', JSON.stringify(Array.from({ length: 21 }, () => ({ type: 'csp-violation' }))), 400, /at most 20/],
    ['text/plain', LEGACY, 415, /application\/csp-report or application\/reports\+json/],
    ['application/csp-report', 'x'.repeat(65 * 1024), 413, /at most 64 KB/],
  ];
  for (const [type, body, status, message] of cases) {
    const { answer, lines } = await send(type, body);
    assert.equal(answer.status, status, body.slice(0, 60));
    assert.match('error' in answer ? answer.error : '', message);
    assert.deepEqual(lines, []);
  }
});

test('a long field is cut in the log: a report cannot write much', async () => {
  const long = JSON.stringify({ 'csp-report': { 'document-uri': 'd'.repeat(4000), 'script-sample': 's'.repeat(4000) } });
  const { lines } = await send('application/csp-report', long);
  assert.ok((lines[0]?.length ?? 0) < 400, String(lines[0]?.length));
});

test('60 requests a minute per address are read; the next gets 429 with Retry-After, unread and unlogged; another address is still read', async () => {
  const from = address();
  for (let i = 0; i < 60; i++) assert.equal((await send('application/csp-report', LEGACY, from)).answer.status, 204, `report ${i + 1}`);
  const refused = await send('application/csp-report', LEGACY, from);
  assert.equal(refused.answer.status, 429);
  assert.ok('retryAfterS' in refused.answer && (refused.answer.retryAfterS ?? 0) >= 1);
  assert.deepEqual(refused.lines, []);
  assert.equal((await send('application/csp-report', LEGACY)).answer.status, 204);
});
