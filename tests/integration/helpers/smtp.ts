import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// An SMTP server on a free loopback port inside the test process: what the app sends
// lands in `messages`, parsed. Recipients matching `reject` are refused (a failing server).

export type SmtpSink = {
  port: number;
  messages: ParsedMail[];
  /** Resolves with the messages once there are at least `n`; rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail[]>;
  close(): Promise<void>;
};

/**
 * `port`: listen there (a sink stopped and started again on its old port: a mail server outage).
 * `delayMs`: hold each message that long before accepting it (a slow mail server).
 */
export async function startSmtpSink(options: { reject?: (address: string) => boolean; port?: number; delayMs?: number } = {}): Promise<SmtpSink> {
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) callback(new Error('550 mailbox unavailable'));
      else callback();
    },
    onData(stream, _session, callback) {
      // Kept before the 250 reply: once sendMail resolves, the message is in `messages`.
      simpleParser(stream)
        .then(async (parsed) => {
          if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
          messages.push(parsed);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  async function waitFor(n: number, timeoutMs = 5000): Promise<ParsedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (messages.length < n) {
      if (Date.now() > deadline) throw new Error(`expected ${n} message(s) within ${timeoutMs} ms, got ${messages.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return messages;
  }

  return { port, messages, waitFor, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** The messages addressed to `to`. */
export function addressedTo(messages: ParsedMail[], to: string): ParsedMail[] {
  return messages.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === to)));
}

/** The one message addressed to `to`; fails the test unless there is exactly one. */
export function onlyAddressedTo(messages: ParsedMail[], to: string): ParsedMail {
  const found = addressedTo(messages, to);
  assert.equal(found.length, 1, `one email to ${to}, got ${found.length}`);
  return found[0] as ParsedMail;
}
