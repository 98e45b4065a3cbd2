#!/usr/bin/env node
// A mail sink for the e2e tests: an SMTP server that keeps every message it receives and
// an HTTP server that shows them. Plain ESM so Playwright can start it as a webServer.
//
//   MAIL_SINK_SMTP_PORT=2525 MAIL_SINK_HTTP_PORT=2580 node e2e/helpers/mail-sink.mjs
//   (the app then needs SMTP_URL=smtp://127.0.0.1:2525)
//
//   GET    /                   200 "ok" (readiness)
//   GET    /messages[?to=addr] the messages received, oldest first (only those to `addr`)
//   DELETE /messages           forgets them all (204)
//   POST   /outage             {"addresses": [...], "seconds": n}: for n seconds the server answers
//                              421 (service not available) to mail for those addresses, as a mail
//                              server that is down would; only those, since the sink is shared by
//                              specs running in parallel. 204.
//   GET    /outage             {"refused": n}: how many deliveries it refused so far
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const HOST = '127.0.0.1';

function portFrom(name) {
  const port = Number(process.env[name]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`mail-sink: ${name} must be a port number (got ${JSON.stringify(process.env[name] ?? '')})`);
    process.exit(2);
  }
  return port;
}

const smtpPort = portFrom('MAIL_SINK_SMTP_PORT');
const httpPort = portFrom('MAIL_SINK_HTTP_PORT');

/** @type {Array<Record<string, unknown>>} */
let messages = [];
/** Addresses (lower case) refused until the time given (ms since epoch). @type {Map<string, number>} */
const down = new Map();
let refused = 0;

const addressText = (value) => (Array.isArray(value) ? value.map((v) => v.text).join(', ') : (value?.text ?? ''));

/** The raw value of a header as sent, unfolded (mailparser folds all List-* headers into one object). */
function rawHeader(parsed, name) {
  const found = parsed.headerLines.find((h) => h.key === name);
  if (!found) return null;
  return found.line.replace(/\r?\n[ \t]+/g, ' ').slice(found.line.indexOf(':') + 1).trim();
}

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  // An app configured with SMTP_USER/SMTP_PASSWORD still gets in: any credentials are accepted.
  allowInsecureAuth: true,
  onAuth: (auth, _session, callback) => callback(null, { user: auth.username ?? 'anonymous' }),
  size: 10 * 1024 * 1024,
  logger: false,
  onRcptTo(address, _session, callback) {
    const until = down.get(address.address.toLowerCase());
    if (until === undefined || until <= Date.now()) return callback();
    refused += 1;
    const error = /** @type {Error & { responseCode?: number }} */ (new Error('Service not available, try again later'));
    error.responseCode = 421;
    callback(error);
  },
  onData(stream, session, callback) {
    // Stored before the 250 reply, so a message is listed by the time the sender is told it was accepted.
    simpleParser(stream)
      .then((parsed) => {
        messages.push({
          to: addressText(parsed.to),
          from: addressText(parsed.from),
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : null,
          headers: {
            'list-unsubscribe': rawHeader(parsed, 'list-unsubscribe'),
            'list-unsubscribe-post': rawHeader(parsed, 'list-unsubscribe-post'),
          },
          date: (parsed.date ?? new Date()).toISOString(),
        });
        callback();
      })
      .catch((error) => callback(error));
  },
});
smtp.on('error', (error) => console.error(`mail-sink: smtp: ${error.message}`));

const web = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const send = (status, body, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (url.pathname === '/' && req.method === 'GET') return send(200, 'ok');
  if (url.pathname === '/outage') return outage(req, res, send);
  if (url.pathname !== '/messages') return send(404, 'not found');
  if (req.method === 'GET') {
    const to = url.searchParams.get('to')?.toLowerCase();
    const list = to ? messages.filter((m) => m.envelopeTo.some((a) => a.toLowerCase() === to)) : messages;
    return send(200, JSON.stringify(list), 'application/json');
  }
  if (req.method === 'DELETE') {
    messages = [];
    res.writeHead(204).end();
    return;
  }
  res.setHeader('allow', 'GET, DELETE');
  return send(405, 'method not allowed');
});

/** @param {http.IncomingMessage} req @param {http.ServerResponse} res @param {(status: number, body: string, type?: string) => void} send */
function outage(req, res, send) {
  if (req.method === 'GET') return send(200, JSON.stringify({ refused }), 'application/json');
  if (req.method !== 'POST') return send(405, 'method not allowed');
  let body = '';
  req.on('data', (chunk) => (body += chunk));
  req.on('end', () => {
    try {
      const { addresses, seconds } = JSON.parse(body);
      if (!Array.isArray(addresses) || typeof seconds !== 'number') throw new Error('addresses and seconds');
      for (const address of addresses) down.set(String(address).toLowerCase(), Date.now() + seconds * 1000);
      res.writeHead(204).end();
    } catch (error) {
      send(400, `expected {"addresses": [...], "seconds": n}: ${error.message}`);
    }
  });
}

smtp.listen(smtpPort, HOST, () => {
  web.listen(httpPort, HOST, () => console.log(`mail-sink: SMTP on ${HOST}:${smtpPort}, messages at http://${HOST}:${httpPort}/messages`));
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    web.close();
    smtp.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
