import { expect, test } from '@playwright/test';
import { startOwnServer, type OwnServer } from './helpers/own-server';

// The IndexNow key file through the production server (next.config.js rewrites /<key>.txt
// to its route): a server of this spec's own with INDEXNOW_KEY set, as the suite's runs
// without one. It runs no job worker: its jobs are the suite's (tests/integration/indexnow.test.ts
// checks the pings themselves against a local endpoint).

const KEY = 'e2e-indexnow-key-5b1f0c9d';
let server: OwnServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  // An endpoint nothing listens on: nothing may be sent from here anyway.
  server = await startOwnServer({ env: { INDEXNOW_KEY: KEY, INDEXNOW_ENDPOINT: 'http://127.0.0.1:9/indexnow', JOBS_WORKER: '0' } });
});

test.afterAll(async () => {
  await server?.stop();
});

test('/<key>.txt answers the key as text/plain; other keys are 404 and other .txt files keep working', async ({ request }) => {
  const file = await request.get(`${server.origin}/${KEY}.txt`);
  expect(file.status()).toBe(200);
  expect(file.headers()['content-type']).toBe('text/plain; charset=utf-8');
  expect(await file.text()).toBe(KEY);

  for (const other of ['e2e-indexnow-key-00000000', 'someone-elses-key']) {
    const response = await request.get(`${server.origin}/${other}.txt`);
    expect(response.status(), other).toBe(404);
  }
  const robots = await request.get(`${server.origin}/robots.txt`);
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toContain('Sitemap:');
});

test('the suite’s own server, without INDEXNOW_KEY, serves no key file', async ({ request }) => {
  expect((await request.get(`/${KEY}.txt`)).status()).toBe(404);
});
