import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';

// Without SMTP there is no email verification: sign-up keeps creating a ready account at
// once (lib/actions/auth.ts), and says so when the address is taken (README, known limit).
delete process.env.SMTP_URL;
delete process.env.SMTP_HOST;

type Confirmation = typeof import('../../lib/auth/email-confirmation');
type Users = typeof import('../../lib/dal/users');
let confirmation: Confirmation;
let users: Users;
let disconnect: () => Promise<void>;

before(async () => {
  confirmation = await import('../../lib/auth/email-confirmation');
  users = await import('../../lib/dal/users');
  const { db } = await import('../../lib/db');
  disconnect = () => db.$disconnect();
});
after(() => disconnect());

test('without SMTP, verification is off: the sign-up DAL makes a member at once and refuses a taken address', async () => {
  assert.equal(confirmation.emailVerificationOn(), false);
  const email = `nomail.${randomUUID().slice(0, 8)}@example.test`;
  const created = await users.createPasswordUser({ email, name: 'No Mail', passwordHash: '$argon2id$nomail' });
  assert.ok(created);
  assert.deepEqual(await users.getCredentials(email), { id: created.id, name: 'No Mail', email, passwordHash: '$argon2id$nomail', emailConfirmed: false, sessionVersion: 0 });
  assert.equal(await users.createPasswordUser({ email, name: 'Second', passwordHash: '$argon2id$other' }), null, 'a taken address is refused');
});
