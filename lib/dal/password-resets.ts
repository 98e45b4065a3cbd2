import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { DELETED_ACCOUNT_ID } from '@/lib/comments/deleted-account';
import { db } from '@/lib/db';
import { enqueueAccountEmail } from '@/lib/dal/enqueue-jobs';
import type { AccountEmailPayload } from '@/lib/validations/job-payloads';

// "Forgot your password?" and account-claim links (lib/auth/password-reset.ts). A link
// carries 32 random bytes; the table keeps only their SHA-256 (a fast hash is enough for
// 256 random bits), so whoever reads the database cannot open an account with it. Using a
// link sets the password, proves the address, revokes every session of the account and
// voids the account's other links, in one transaction.

export type ResetTarget = {
  id: string;
  email: string;
  name: string | null;
  /** No password and no sign-in provider: an imported or restored account nobody claimed yet. */
  unclaimed: boolean;
};

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * The account a reset for `email` may go to, or null: unknown address, a banned account
 * (it stays banned: no new way in) or the deleted-account placeholder (nobody owns it).
 */
export async function getResetTarget(email: string): Promise<ResetTarget | null> {
  // Exact and case-insensitive, like the import's and the OAuth sign-in's look-ups.
  const rows = await db.$queryRaw<{ id: string; email: string; name: string | null; unclaimed: boolean }[]>`
    SELECT u.id, u.email, u.name,
      (u.password_hash IS NULL AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u.id)) AS unclaimed
    FROM users u
    WHERE lower(u.email) = ${email.trim().toLowerCase()} AND u.banned_at IS NULL AND u.id <> ${DELETED_ACCOUNT_ID}
    ORDER BY u.created_at, u.id LIMIT 1`;
  return rows[0] ?? null;
}

/** Enqueues a "forgot your password" job; the job finds the account, if any, when it runs. */
export async function enqueueResetEmail(payload: Extract<AccountEmailPayload, { kind: 'reset' }>): Promise<void> {
  await enqueueAccountEmail(db, payload);
}

/** A new link's token for `userId`, valid `ttlS` seconds; only its hash is stored. */
export async function createResetToken(userId: string, ttlS: number, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.passwordReset.create({
    data: { userId, tokenHash: hashResetToken(token), expiresAt: new Date(now.getTime() + ttlS * 1000), createdAt: now },
    select: { id: true },
  });
  return token;
}

export type ResetLinkProblem = 'invalid' | 'expired' | 'used';

export type ResetLink = { ok: true; userId: string; email: string; unclaimed: boolean } | { ok: false; problem: ResetLinkProblem };

/** What a link is, without using it: the page shows the form, or says why the link does not work. */
export async function getResetLink(token: string, now = new Date()): Promise<ResetLink> {
  const row = await db.passwordReset.findUnique({
    where: { tokenHash: hashResetToken(token) },
    select: { expiresAt: true, usedAt: true, user: { select: { id: true, email: true, bannedAt: true, passwordHash: true, _count: { select: { accounts: true } } } } },
  });
  if (!row || !row.user.email || row.user.bannedAt || row.user.id === DELETED_ACCOUNT_ID) return { ok: false, problem: 'invalid' };
  if (row.usedAt) return { ok: false, problem: 'used' };
  if (row.expiresAt <= now) return { ok: false, problem: 'expired' };
  return { ok: true, userId: row.user.id, email: row.user.email, unclaimed: row.user.passwordHash === null && row.user._count.accounts === 0 };
}

export type UsedReset =
  | { ok: true; user: { id: string; name: string | null; email: string | null; sessionVersion: number } }
  | { ok: false; problem: ResetLinkProblem };

/**
 * Uses a link once: marks it used (only if unused and unexpired: two clicks at once, one
 * wins), then sets the password hash, confirms the address, revokes the sessions and
 * deletes the account's other links. Refused for a banned account or the placeholder.
 */
export async function redeemResetToken(token: string, passwordHash: string, now = new Date()): Promise<UsedReset> {
  const tokenHash = hashResetToken(token);
  const done = await db.$transaction(async (tx) => {
    const taken = await tx.$queryRaw<{ user_id: string }[]>`
      UPDATE password_resets SET used_at = ${now}
      WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}
      RETURNING user_id`;
    const userId = taken[0]?.user_id;
    if (!userId) return null;
    // A new session version ends every session of the account; the caller starts one with it.
    const users = await tx.$queryRaw<{ id: string; name: string | null; email: string | null; sessionVersion: number }[]>`
      UPDATE users SET password_hash = ${passwordHash}, email_verified = COALESCE(email_verified, ${now}),
        session_version = session_version + 1, updated_at = ${now}
      WHERE id = ${userId} AND banned_at IS NULL AND id <> ${DELETED_ACCOUNT_ID} AND email IS NOT NULL
      RETURNING id, name, email, session_version AS "sessionVersion"`;
    const user = users[0];
    if (!user) return null;
    await tx.passwordReset.deleteMany({ where: { userId, tokenHash: { not: tokenHash } } });
    return user;
  });
  if (done) return { ok: true, user: done };
  // Refused: say why, as the page would (a refused update left the link unused).
  const link = await getResetLink(token, now);
  return { ok: false, problem: link.ok ? 'invalid' : link.problem };
}

/** Links past their time or used, a day on: nothing needs them (called when a link is made). */
export async function purgeOldResetTokens(now = new Date()): Promise<void> {
  await db.passwordReset.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - 24 * 60 * 60 * 1000) } } });
}
