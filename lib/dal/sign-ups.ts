import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import type { Prisma } from '@/lib/generated/prisma/client';
import { enqueueAccountEmail } from '@/lib/dal/enqueue-jobs';
import type { AccountEmailPayload } from '@/lib/validations/job-payloads';

// Password sign-up when emails are verified (lib/auth/sign-up.ts): accounts wait,
// unconfirmed, until someone opens the link sent to their address.

export type SignUpOutcome =
  /** A new, unconfirmed account. */
  | { kind: 'created'; userId: string }
  /** An unconfirmed password account of this address, now with the new password hash. */
  | { kind: 'replaced'; userId: string }
  /** An account somebody owns (confirmed address, a provider, a staff role): untouched. */
  | { kind: 'existing' };

// Prisma's cuid() is made by the client; this is the same shape for rows written in SQL.
function newUserId(): string {
  const digits = Array.from(randomBytes(24), (b) => (b % 36).toString(36)).join('');
  return `c${digits}`;
}

/**
 * Registers a password sign-up in one statement, whatever the address's state, so every
 * case costs the same: a new address makes an unconfirmed member; an address whose account
 * nobody confirmed gets the new password hash (whoever proves the address first owns it,
 * so nobody can hold an address by signing up first); any other account stays as it is.
 * The name of a replaced account changes only when the new owner confirms (it travels in
 * the link), so an unproven sign-up cannot rename anybody in the meantime.
 */
export async function registerPasswordSignUp(
  input: { email: string; name: string; passwordHash: string },
  emailFor: (outcome: SignUpOutcome) => AccountEmailPayload | null,
): Promise<SignUpOutcome> {
  // The email job is enqueued in the same transaction: a registered sign-up always has it.
  return db.$transaction(async (tx) => {
    const outcome = await register(tx, input);
    const email = emailFor(outcome);
    if (email) await enqueueAccountEmail(tx, email);
    return outcome;
  });
}

async function register(tx: Prisma.TransactionClient, input: { email: string; name: string; passwordHash: string }): Promise<SignUpOutcome> {
  const id = newUserId();
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO users (id, email, name, password_hash, role, updated_at)
    VALUES (${id}, ${input.email}, ${input.name}, ${input.passwordHash}, 'MEMBER', now())
    ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, updated_at = now()
      WHERE users.email_verified IS NULL
        AND users.password_hash IS NOT NULL
        AND users.role = 'MEMBER'
        AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = users.id)
    RETURNING id`;
  const row = rows[0];
  if (!row) return { kind: 'existing' };
  return { kind: row.id === id ? 'created' : 'replaced', userId: row.id };
}

export type UnconfirmedAccount = { id: string; email: string; name: string | null; passwordHash: string };

/** A password account whose address nobody confirmed yet, or null. */
export async function getUnconfirmedAccount(userId: string): Promise<UnconfirmedAccount | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, passwordHash: true, emailVerified: true } });
  if (!user?.email || !user.passwordHash || user.emailVerified) return null;
  return { id: user.id, email: user.email, name: user.name, passwordHash: user.passwordHash };
}

/** What a confirmation link is checked against: the account's address, hash and state. */
export async function getConfirmationTarget(userId: string): Promise<{ email: string; passwordHash: string | null; confirmed: boolean } | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true, emailVerified: true } });
  if (!user?.email) return null;
  return { email: user.email, passwordHash: user.passwordHash, confirmed: user.emailVerified !== null };
}

/**
 * Marks the address proven and sets the name chosen at sign-up, once: only while the
 * account is unconfirmed and still has the password hash the link was made for.
 */
export async function confirmEmail(input: {
  userId: string;
  passwordHash: string;
  name: string;
}): Promise<{ id: string; name: string | null; email: string | null; sessionVersion: number } | null> {
  const rows = await db.$queryRaw<{ id: string; name: string | null; email: string | null; sessionVersion: number }[]>`
    UPDATE users SET email_verified = now(), name = ${input.name}, updated_at = now()
    WHERE id = ${input.userId} AND email_verified IS NULL AND password_hash = ${input.passwordHash}
    RETURNING id, name, email, session_version AS "sessionVersion"`;
  return rows[0] ?? null;
}

/** Enqueues a new confirmation link for an unconfirmed account (the sign-in page's "Send a new link"). */
export async function enqueueConfirmationEmail(email: Extract<AccountEmailPayload, { kind: 'confirm' }>): Promise<void> {
  await enqueueAccountEmail(db, email);
}
