import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import * as tokens from '../../lib/auth/email-confirmation';
import { checkConfirmationLink, confirmWithLink } from '../../lib/auth/sign-up';
import { db } from '../../lib/db';

// The signed links of a password sign-up (lib/auth/email-confirmation.ts): what a
// confirmation link carries and how long it lasts, and that a changed, cut or re-purposed
// link is refused, as is a link to no account. The sign-up flows that send them:
// sign-up-verification.test.ts.

const DAY_MS = 24 * 60 * 60 * 1000;

after(() => db.$disconnect());

test('a confirmation link carries who, the name and where to go; it is bound to the password hash and lasts 24 hours', () => {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const token = tokens.confirmationToken({ userId: 'cuser1', name: 'Ada Lovelace', callbackUrl: '/post/x?y=1#c', passwordHash: 'hash-1' }, now);
  const opened = tokens.openConfirmationToken(token, now);
  assert.ok(opened);
  assert.deepEqual({ userId: opened.userId, name: opened.name, callbackUrl: opened.callbackUrl }, { userId: 'cuser1', name: 'Ada Lovelace', callbackUrl: '/post/x?y=1#c' });
  assert.equal(opened.expired, false);
  assert.equal(opened.matches('hash-1'), true);
  assert.equal(opened.matches('hash-2'), false, 'a newer password hash voids the link');
  assert.equal(opened.matches(null), false);
  assert.equal(tokens.openConfirmationToken(token, now + DAY_MS - 1000)?.expired, false);
  assert.equal(tokens.openConfirmationToken(token, now + DAY_MS)?.expired, true);
  // Another site's address never becomes the place to go.
  const offsite = tokens.confirmationToken({ userId: 'cuser1', name: 'Ada', callbackUrl: '//evil.example/x', passwordHash: 'h' }, now);
  assert.equal(tokens.openConfirmationToken(offsite, now)?.callbackUrl, '/');
});

test('a changed, cut or re-purposed link is refused', () => {
  const now = Date.now();
  const token = tokens.confirmationToken({ userId: 'cuser2', name: 'Grace', callbackUrl: '/', passwordHash: 'hash' }, now);
  const [payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;

  // Another user, a later expiry: the signature no longer matches.
  for (const changed of [{ ...claims, u: 'cvictim' }, { ...claims, x: Number(claims.x) + 3600 }]) {
    const forged = `${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    assert.equal(tokens.openConfirmationToken(forged, now)?.matches('hash'), false);
  }
  const flipped = `${payload}.${signature.slice(0, -1)}${signature.endsWith('A') ? 'B' : 'A'}`;
  assert.equal(tokens.openConfirmationToken(flipped, now)?.matches('hash'), false);
  for (const broken of ['', 'abc', `${payload}.`, `.${signature}`, `${payload}.${signature}.x`, `${payload}=.${signature}`, 'e30.' + signature]) {
    assert.equal(tokens.openConfirmationToken(broken, now), null, broken);
  }
  // A resend token is not a confirmation link, nor the other way round.
  const resend = tokens.resendToken('cuser2', now);
  assert.equal(tokens.verifyResendToken(resend, now), 'cuser2');
  assert.equal(tokens.openConfirmationToken(resend, now), null);
  assert.equal(tokens.verifyResendToken(token, now), null);
  assert.equal(tokens.verifyResendToken(resend, now + 31 * 60 * 1000), null, 'resend tokens last 30 minutes');
  const [rp = '', rs = ''] = resend.split('.');
  assert.equal(tokens.verifyResendToken(`${rp}.${rs.slice(1)}x`, now), null);
});

test('an unknown account or a malformed link is simply not valid', async () => {
  const unknown = tokens.confirmationToken({ userId: 'cnobody', name: 'Nobody', callbackUrl: '/', passwordHash: 'h' });
  assert.deepEqual(await checkConfirmationLink(unknown), { ok: false, problem: 'invalid' });
  assert.deepEqual(await checkConfirmationLink('not a token'), { ok: false, problem: 'invalid' });
  assert.deepEqual(await confirmWithLink(''), { ok: false, problem: 'invalid' });
});
