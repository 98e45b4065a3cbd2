import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

// The write limits with their real budgets (RATE_LIMIT_MULTIPLIER unset), counted in
// PostgreSQL: a second limiter instance, as in another server process, sees the same counts.
delete process.env.RATE_LIMIT_MULTIPLIER;
type RateLimit = typeof import('../../lib/rate-limit');
let consume: RateLimit['consume'];
let isBlocked: RateLimit['isBlocked'];
let reset: RateLimit['reset'];

before(async () => {
  ({ consume, isBlocked, reset } = await import('../../lib/rate-limit'));
});

after(() => (globalThis as { quireRatePool?: { end(): Promise<void> } }).quireRatePool?.end());

function forgetLimiters() {
  // What a second server process starts with: no limiter objects, only the shared table.
  (globalThis as { quireLimiters?: unknown }).quireLimiters = undefined;
}

test('one comment per 10 s per reader, across server processes', async () => {
  const user = `user-${Date.now()}`;
  assert.deepEqual(await consume(['commentUserBurst', user]), { ok: true });
  forgetLimiters();
  const second = await consume(['commentUserBurst', user]);
  assert.equal(second.ok, false);
  assert.ok(!second.ok && second.retryAfterS >= 1 && second.retryAfterS <= 10, JSON.stringify(second));
  assert.deepEqual(await consume(['commentUserBurst', `${user}-other`]), { ok: true });
});

test('thirty comments an hour per address', async () => {
  const ip = `203.0.113.${Date.now() % 250}`;
  for (let i = 0; i < 30; i += 1) assert.deepEqual(await consume(['commentIpHour', ip]), { ok: true }, `comment ${i + 1}`);
  const over = await consume(['commentIpHour', ip]);
  assert.ok(!over.ok && over.retryAfterS > 3000);
});

test('five failed sign-ins block the account for 15 minutes; a success clears them', async () => {
  const email = `throttle-${Date.now()}@example.test`;
  for (let i = 0; i < 5; i += 1) {
    assert.deepEqual(await isBlocked(['signInFailAccount', email]), { ok: true });
    await consume(['signInFailAccount', email]);
  }
  forgetLimiters();
  const blocked = await isBlocked(['signInFailAccount', email]);
  assert.ok(!blocked.ok && blocked.retryAfterS > 800 && blocked.retryAfterS <= 900);
  await reset('signInFailAccount', email);
  assert.deepEqual(await isBlocked(['signInFailAccount', email]), { ok: true });
});
