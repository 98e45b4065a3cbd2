import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A local IndexNow endpoint for the tests: it keeps every request it receives, and answers
// 200, or 500 to the next `failNext` requests (a search engine having a bad moment).

export type Received = { method: string; path: string; contentType: string; body: unknown; answered: number };
export type Receiver = { url: string; received: Received[]; failNext: (count: number) => void; close: () => Promise<void> };

export async function startIndexNowReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failing = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text: the test shows what came
      }
      const answered = failing > 0 ? 500 : 200;
      if (failing > 0) failing -= 1;
      received.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body, answered });
      res.writeHead(answered, { 'Content-Type': 'text/plain' }).end(answered === 200 ? 'OK' : 'Internal Server Error');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/indexnow`,
    received,
    failNext: (count) => void (failing = count),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
