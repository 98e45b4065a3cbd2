import 'server-only';
import { authSecret } from '@/lib/auth/session';
import { ADMIN_LOCK_KEY, isSetupToken, SIGNABLE_ADMIN_EXISTS_SQL } from '@/lib/auth/setup-link.mjs';
import { db } from '@/lib/db';

// The first admin of a new site (/setup). The "actor" is whoever holds the setup link's
// token (lib/auth/setup-link.mjs); the door is open only while no admin can sign in.

type Client = Pick<typeof db, '$queryRawUnsafe'>;

async function signableAdminExists(client: Client): Promise<boolean> {
  const rows = await client.$queryRawUnsafe<{ exists: boolean }[]>(SIGNABLE_ADMIN_EXISTS_SQL);
  return rows[0]?.exists === true;
}

export type SetupState = 'open' | 'closed' | 'bad-token';

/**
 * What /setup?token= shows: a refusal without the right token (before any database read, so
 * probes of /setup cost nothing), a 404 once an admin can sign in, else the form.
 */
export async function getSetupState(token: string | null): Promise<SetupState> {
  if (!isSetupToken(token, authSecret())) return 'bad-token';
  return (await signableAdminExists(db)) ? 'closed' : 'open';
}

export type FirstAdminResult =
  | { ok: true; user: { id: string; name: string; email: string; sessionVersion: number } }
  | { ok: false; reason: 'bad-token' | 'closed' | 'email-taken' };

/**
 * Creates the first admin: verified (the operator typed the address), with a password.
 * One transaction under the admin lock, so of two setups at once exactly one succeeds.
 */
export async function createFirstAdmin(input: { token: string; email: string; name: string; passwordHash: string }): Promise<FirstAdminResult> {
  if (!isSetupToken(input.token, authSecret())) return { ok: false, reason: 'bad-token' };
  try {
    return await db.$transaction(async (tx): Promise<FirstAdminResult> => {
      await tx.$queryRaw`SELECT 1 AS locked FROM pg_advisory_xact_lock(${ADMIN_LOCK_KEY}::bigint)`;
      if (await signableAdminExists(tx)) return { ok: false, reason: 'closed' };
      const taken = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE lower(email) = lower(${input.email}) LIMIT 1`;
      if (taken.length > 0) return { ok: false, reason: 'email-taken' };
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash: input.passwordHash, emailVerified: new Date(), role: 'ADMIN' },
        select: { id: true, sessionVersion: true },
      });
      return { ok: true, user: { id: user.id, name: input.name, email: input.email, sessionVersion: user.sessionVersion } };
    });
  } catch (error) {
    // A sign-up of the same address committed between our check and our insert.
    if ((error as { code?: string }).code === 'P2002') return { ok: false, reason: 'email-taken' };
    throw error;
  }
}
