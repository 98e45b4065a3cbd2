import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { openDatabase } from './helpers/fixtures';

// The unsubscribe links of reply emails against a real PostgreSQL: the signed token (its
// round trip and every way to tamper with it) and the one-click List-Unsubscribe route.
// Which replies send an email: notifications.test.ts.

type Unsubscribe = typeof import('../../lib/mail/unsubscribe');
type Route = typeof import('../../app/api/unsubscribe/route');

let sql: pg.Pool;
let unsubscribe: Unsubscribe;
let route: Route;
let close: () => Promise<void>;

const SITE = 'http://localhost:3000';

before(async () => {
  unsubscribe = await import('../../lib/mail/unsubscribe');
  route = await import('../../app/api/unsubscribe/route');
  ({ sql, close } = await openDatabase());
});

after(() => close());

/** A reader who gets reply emails. */
async function createUser(name: string): Promise<string> {
  const id = `u${randomUUID().replaceAll('-', '').slice(0, 24)}`;
  await sql.query(`INSERT INTO users (id, email, name, notify_replies, updated_at) VALUES ($1, $2, $3, true, now())`, [id, `${id}@example.test`, name]);
  return id;
}

test('one-click unsubscribe: POST to the List-Unsubscribe URL (or a form field) turns emails off; bad tokens get 400', async () => {
  const { NextRequest } = await import('next/server');
  const heidi = await createUser('Heidi');
  const ivan = await createUser('Ivan');
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const notify = async (id: string) =>
    (await sql.query<{ n: boolean }>('SELECT notify_replies AS n FROM users WHERE id = $1', [id])).rows[0]?.n;

  const oneClick = await route.POST(new NextRequest(unsubscribe.oneClickUnsubscribeUrl(heidi), { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' }));
  assert.equal(oneClick.status, 200);
  assert.equal(await oneClick.text(), 'Unsubscribed');
  assert.equal(await notify(heidi), false);

  const body = new URLSearchParams({ token: unsubscribe.unsubscribeToken(ivan) }).toString();
  const field = await route.POST(new NextRequest(`${SITE}/api/unsubscribe`, { method: 'POST', headers: form, body }));
  assert.equal(field.status, 200);
  assert.equal(await notify(ivan), false);

  const tampered = unsubscribe.unsubscribeToken(ivan).slice(0, -2) + 'AA';
  for (const url of [`${SITE}/api/unsubscribe?token=${tampered}`, `${SITE}/api/unsubscribe`]) {
    const bad = await route.POST(new NextRequest(url, { method: 'POST', headers: form, body: 'List-Unsubscribe=One-Click' }));
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /unsubscribe link/);
  }
  const get = route.GET(new NextRequest(unsubscribe.oneClickUnsubscribeUrl(heidi)));
  assert.equal(get.status, 303, 'a GET only leads to the page that asks');
  assert.equal(get.headers.get('location'), unsubscribe.unsubscribeUrl(heidi));
});

test('unsubscribe tokens round-trip; altered, swapped or malformed tokens are rejected', async () => {
  const judy = await createUser('Judy');
  const mallory = await createUser('Mallory');
  const token = unsubscribe.unsubscribeToken(judy);
  assert.equal(unsubscribe.verifyUnsubscribeToken(token), judy);
  assert.equal(unsubscribe.unsubscribeUrl(judy), `${SITE}/unsubscribe?token=${token}`);

  const [id = '', signature = ''] = token.split('.');
  const [malloryId = ''] = unsubscribe.unsubscribeToken(mallory).split('.');
  const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  for (const bad of [
    `${malloryId}.${signature}`,
    `${id}.${flip(signature, 0)}`,
    `${id}.${flip(signature, signature.length - 1)}`,
    `${flip(id, 3)}.${signature}`,
    `${id}.${signature}x`,
    `${id}.${signature.slice(0, -1)}`,
    `${id}.${signature}=`,
    `${id}.`,
    `.${signature}`,
    id,
    '',
    `${token}.${signature}`,
    'x'.repeat(500),
  ]) {
    assert.equal(unsubscribe.verifyUnsubscribeToken(bad), null, bad);
  }
});
