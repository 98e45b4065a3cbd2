import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { before, test } from 'node:test';
import { promisify } from 'node:util';

// The SMTP settings outgoing mail is sent with (lib/mail/transport.ts), and mail switched
// off without them. lib/env.ts reads the environment once, so SMTP_URL is set before any
// lib module loads (no message is sent: a transport connects only to send).

type Transport = typeof import('../../lib/mail/transport');

let transport: Transport;

before(async () => {
  process.env.SMTP_URL = 'smtp://127.0.0.1:2525';
  transport = await import('../../lib/mail/transport');
});

test('SMTP settings: off without SMTP_URL or SMTP_HOST; SMTP_URL wins; TLS follows SMTP_SECURE or port 465', () => {
  const { smtpOptions } = transport;
  assert.equal(smtpOptions({}), null);
  assert.equal(smtpOptions({ SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_PORT: 25 }), null);
  assert.equal(smtpOptions({ SMTP_URL: 'smtps://u:p@mail.example.com', SMTP_HOST: 'other.example.com' })?.url, 'smtps://u:p@mail.example.com');
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'mail.example.com' })), { host: 'mail.example.com', port: 587, secure: false, auth: undefined });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_PORT: 465, SMTP_USER: 'u', SMTP_PASSWORD: 'p' })), { host: 'h', port: 465, secure: true, auth: { user: 'u', pass: 'p' } });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_SECURE: 'true' })), { host: 'h', port: 465, secure: true, auth: undefined });
  assert.deepEqual(pick(smtpOptions({ SMTP_HOST: 'h', SMTP_PORT: 465, SMTP_SECURE: 'false' })), { host: 'h', port: 465, secure: false, auth: undefined });
  assert.ok(transport.mailTransport());
  assert.equal(transport.mailTransport(), transport.mailTransport(), 'one transport, reused');
});

function pick(options: ReturnType<Transport['smtpOptions']>) {
  return options && { host: options.host, port: options.port, secure: options.secure, auth: options.auth };
}

test('without SMTP settings notifyReply returns off and touches nothing (fresh process, fresh environment)', async () => {
  // tsx loads the .ts module as CommonJS here: its exports arrive as the default export.
  const script = `const m = await import('./lib/comments/notify.ts'); console.log(await (m.default ?? m).notifyReply('cnosuchcommentnosuchcomm0', 'en'));`;
  const env = { ...process.env, SMTP_URL: '', SMTP_HOST: '' };
  const { stdout } = await promisify(execFile)(process.execPath, ['--conditions=react-server', '--import', 'tsx', '--input-type=module', '-e', script], {
    env,
    cwd: process.cwd(),
    timeout: 30_000,
  });
  assert.equal(stdout.trim(), 'off');
});
