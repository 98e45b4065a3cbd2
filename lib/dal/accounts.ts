import 'server-only';
import { db } from '@/lib/db';

// Who an OAuth / OpenID Connect sign-in is. There is no next-auth adapter: the sign-in
// callbacks (lib/auth/options.ts) call resolveOAuthUser, and the session carries our
// users.id. Banned users are not refused here: a banned member may still sign in to
// read; every write checks the ban itself.

export type OAuthIdentity = {
  provider: string;
  providerAccountId: string;
  email: string | null;
  /** True only when the provider vouches for the address (see lib/auth/providers.ts). */
  emailVerified: boolean;
  name: string | null;
  image: string | null;
};

export type ResolveOAuthUserResult = { ok: true; userId: string } | { ok: false; reason: 'email-in-use' };

const NAME_MAX = 50;
// Each unique violation means another sign-in moved on (user made → account linked → found).
const ATTEMPTS = 3;

/**
 * The user an OAuth sign-in belongs to, linking or creating as needed:
 * (a) a known (provider, providerAccountId) → its user;
 * (b) a verified email matching a user whose email is verified too (by an earlier provider
 *     sign-in) → that user, linked;
 * (c) otherwise an email matching a user → refused. Never merge on an unproven address,
 *     and never into an account whose email nobody proved: password sign-up does not
 *     verify emails, so linking there would let whoever registered the address first
 *     keep a password into the owner's account (pre-account takeover). Such readers sign
 *     in with their password.
 * (d) otherwise a new member, with the account, in one transaction.
 * Idempotent. Two first sign-ins at once: the loser's unique violation re-runs the rules.
 */
export async function resolveOAuthUser(input: OAuthIdentity): Promise<ResolveOAuthUserResult> {
  const email = normalizeEmail(input.email);
  for (let attempt = 1; ; attempt++) {
    try {
      return await resolveOnce(input, email);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

async function resolveOnce(input: OAuthIdentity, email: string | null): Promise<ResolveOAuthUserResult> {
  const { provider, providerAccountId } = input;
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider, providerAccountId } },
    select: { userId: true },
  });
  if (linked) return { ok: true, userId: linked.userId };

  const existing = email ? await findUserByEmail(email) : null;
  if (existing && (!input.emailVerified || !existing.emailVerified)) return { ok: false, reason: 'email-in-use' };
  if (existing) {
    await db.$transaction([
      db.account.create({ data: { userId: existing.id, type: 'oauth', provider, providerAccountId }, select: { id: true } }),
    ]);
    return { ok: true, userId: existing.id };
  }

  // A nested create is one transaction: never a user without its account.
  const user = await db.user.create({
    data: {
      email: input.emailVerified ? email : null,
      emailVerified: input.emailVerified && email ? new Date() : null,
      name: cleanName(input.name),
      image: httpsUrl(input.image),
      role: 'MEMBER',
      accounts: { create: { type: 'oauth', provider, providerAccountId } },
    },
    select: { id: true },
  });
  return { ok: true, userId: user.id };
}

/** Exact, case-insensitive match. Not Prisma's `mode: 'insensitive'`: that is ILIKE, where `_` and `%` are wildcards. */
async function findUserByEmail(email: string): Promise<{ id: string; emailVerified: Date | null } | null> {
  const rows = await db.$queryRaw<{ id: string; emailVerified: Date | null }[]>`
    SELECT id, email_verified AS "emailVerified" FROM users WHERE lower(email) = ${email} ORDER BY created_at, id LIMIT 1`;
  return rows[0] ?? null;
}

function normalizeEmail(email: string | null): string | null {
  const trimmed = email?.trim().toLowerCase();
  return trimmed ? trimmed : null;
}

function cleanName(name: string | null): string | null {
  // By code point, so a name is never cut inside a surrogate pair.
  const cut = Array.from(name?.trim() ?? '').slice(0, NAME_MAX).join('').trim();
  return cut || null;
}

function httpsUrl(value: string | null): string | null {
  if (!value || value.length > 2048) return null;
  try {
    return new URL(value).protocol === 'https:' ? value : null;
  } catch {
    return null;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}
