import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import type pg from 'pg';
import { pool } from './helpers/fixtures';

// The one-time store behind lib/form-flash.ts (what a refused form post without
// JavaScript shows after its redirect): read once, never after it has expired.
type Flashes = typeof import('../../lib/dal/form-flashes');
let saveFormFlash: Flashes['saveFormFlash'];
let takeFormFlash: Flashes['takeFormFlash'];
let db: pg.Pool;

before(async () => {
  ({ saveFormFlash, takeFormFlash } = await import('../../lib/dal/form-flashes'));
  db = pool();
});

after(async () => {
  await db.end();
});

const newId = () => randomBytes(16).toString('base64url');

test('a flash is read once, with what was stored', async () => {
  const id = newId();
  const payload = { key: 'comment:new', state: { message: 'You are commenting too fast.', values: { body: 'ünïcode **text** '.repeat(400) } } };
  await saveFormFlash(id, payload);
  assert.deepEqual(await takeFormFlash(id), payload);
  assert.equal(await takeFormFlash(id), null);
  assert.equal(await takeFormFlash(newId()), null);
});

test('an expired flash is not shown, and old rows are purged by the next write', async () => {
  const old = newId();
  await saveFormFlash(old, { key: 'signin', state: { message: 'old' } });
  await db.query("UPDATE form_flashes SET created_at = now() - interval '11 minutes' WHERE id = $1", [old]);
  const stale = newId();
  await saveFormFlash(stale, { key: 'signin', state: { message: 'stale' } });
  await db.query("UPDATE form_flashes SET created_at = now() - interval '11 minutes' WHERE id = $1", [stale]);
  assert.equal(await takeFormFlash(stale), null);
  await saveFormFlash(newId(), { key: 'signin', state: {} });
  const { rows } = await db.query('SELECT 1 FROM form_flashes WHERE id = $1', [old]);
  assert.equal(rows.length, 0);
});
