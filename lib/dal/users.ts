import 'server-only';
import { cache } from 'react';
import { canModerateComments } from '@/lib/auth/permissions';
import { getSession, type Session } from '@/lib/auth/session';
import { DEFAULT_READER_NAME, sessionSuperseded } from '@/lib/auth/session-token.mjs';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/client';

// Users as the rest of the app sees them: small objects, never a row with its
// password hash. The viewer is read per request from the session cookie and the
// database (so a ban or a role change applies at once).

export type Viewer = {
  id: string;
  name: string;
  email: string | null;
  image: string | null;
  role: Role;
  banned: boolean;
  createdAt: Date;
};

/** Editors and admins moderate comments: the roles' one definition is lib/auth/permissions.ts. */
export const canModerate = canModerateComments;

const viewerSelect = { id: true, name: true, email: true, image: true, role: true, bannedAt: true, createdAt: true, emailVerified: true, sessionVersion: true } as const;


/** The user a (decoded) session belongs to, or null when the account is gone or the session was superseded. */
export async function viewerForSession(session: Session | null): Promise<Viewer | null> {
  if (!session) return null;
  const user = await db.user.findUnique({ where: { id: session.userId }, select: viewerSelect });
  if (!user) return null;
  if (sessionSuperseded(session, user)) return null;
  return {
    id: user.id,
    name: user.name ?? DEFAULT_READER_NAME,
    email: user.email,
    image: user.image,
    role: user.role,
    banned: user.bannedAt !== null,
    createdAt: user.createdAt,
  };
}

/** The account's session version, for a session started elsewhere (next-auth's OAuth sign-in). */
export async function getSessionVersion(userId: string): Promise<number> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? 0;
}

/**
 * Ends every session of the account at once: its session version moves on, and every check
 * that reads the viewer (getViewer, proxy.ts, the production server's signed-in pages)
 * refuses a token carrying the old one. Sign-out-everywhere; a password reset, a ban and a
 * role change do the same in their own update.
 */
export async function revokeSessions(userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** The signed-in user, or null. Reads cookies: only from dynamic pages and actions. */
export const getViewer = cache(async (): Promise<Viewer | null> => viewerForSession(await getSession()));

/** What sign-in needs: the hash, for the password check only, and whether the address is proven. */
export async function getCredentials(
  email: string,
): Promise<{ id: string; name: string | null; email: string | null; passwordHash: string | null; emailConfirmed: boolean; sessionVersion: number } | null> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true, name: true, email: true, passwordHash: true, emailVerified: true, sessionVersion: true } });
  if (!user) return null;
  const { emailVerified, ...rest } = user;
  return { ...rest, emailConfirmed: emailVerified !== null };
}

/** Creates a member with a password (sign-up without email verification); null when the email is taken. */
export async function createPasswordUser(input: { email: string; name: string; passwordHash: string }): Promise<{ id: string; name: string; email: string; sessionVersion: number } | null> {
  try {
    const user = await db.user.create({
      data: { email: input.email, name: input.name, passwordHash: input.passwordHash, role: 'MEMBER' },
      select: { id: true, sessionVersion: true },
    });
    return { id: user.id, name: input.name, email: input.email, sessionVersion: user.sessionVersion };
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') return null;
    throw error;
  }
}

export async function updateDisplayName(userId: string, name: string): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name }, select: { id: true } });
}

export async function getDisplayName(userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { name: true } });
  return user?.name ?? null;
}

/** Posts a user has commented on (their name shows in those threads). */
export async function getCommentedPostIds(userId: string): Promise<string[]> {
  const rows = await db.comment.findMany({ where: { authorId: userId }, select: { postId: true }, distinct: ['postId'], take: 500 });
  return rows.map((r) => r.postId);
}
