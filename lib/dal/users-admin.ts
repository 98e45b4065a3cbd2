import 'server-only';
import { isAdmin, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { Prisma, Role } from '@/lib/generated/prisma/client';
import type { UserListQuery } from '@/lib/validations/users';
import { DELETED_ACCOUNT_ID } from '@/lib/comments/deleted-account';
import { refuse, type Refused } from './result';

// Users and their roles, for admins. Read per request (no cache). A role change checks
// the actor against the locked admin rows, not against the viewer read at the start of
// the request: two admins demoting each other at the same moment cannot both succeed,
// and the site always keeps at least one admin who is not banned and can sign in. The viewer's role is
// read from the database on every request (lib/dal/users.ts), so a change applies from
// the user's next request, and the change ends their sessions (lib/dal/users.ts
// revokeSessions); their posts and comments stay as they are.

export const USERS_PAGE_SIZE = 50;

export type AdminUserRow = {
  id: string;
  name: string;
  email: string | null;
  role: Role;
  joinedAt: string;
  posts: number;
  comments: number;
  banned: boolean;
};

export type UserList = { rows: AdminUserRow[]; total: number; page: number; pageCount: number };

export type RoleChangeResult =
  | { ok: true; user: { id: string; name: string; role: Role }; previousRole: Role; tags: string[] }
  | Refused<'adminsChangeRoles' | 'userGone' | 'noLongerAdmin' | 'lastAdminSelf' | 'lastAdminOther'>;

const ONLY_ADMINS = refuse(403, 'adminsChangeRoles');
const NOT_FOUND = refuse(404, 'userGone');

function listWhere(query: UserListQuery): Prisma.UserWhereInput {
  // Prisma passes `contains` to LIKE as it is: `_` and `%` would be wildcards.
  const q = query.q.replace(/[\\%_]/g, '\\$&');
  return {
    // The placeholder author of deleted accounts' comments is nobody to manage.
    id: { not: DELETED_ACCOUNT_ID },
    ...(query.role ? { role: query.role } : {}),
    ...(q ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }] } : {}),
  };
}

/** One page of users (newest first), filtered by role and by a piece of name or email. Empty for non-admins. */
export async function listUsers(actor: Actor | null, query: UserListQuery): Promise<UserList> {
  if (!isAdmin(actor)) return { rows: [], total: 0, page: 1, pageCount: 1 };
  const where = listWhere(query);
  const [total, users] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (query.page - 1) * USERS_PAGE_SIZE,
      take: USERS_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        role: true,
        createdAt: true,
        bannedAt: true,
        // Trashed posts and deleted comments no longer count as theirs.
        _count: { select: { posts: { where: { deletedAt: null } }, comments: { where: { status: { not: 'DELETED' } } } } },
      },
    }),
  ]);
  return {
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / USERS_PAGE_SIZE)),
    rows: users.map((u) => ({
      id: u.id,
      name: u.name ?? 'Reader',
      email: u.email,
      role: u.role,
      joinedAt: u.createdAt.toISOString(),
      posts: u._count.posts,
      comments: u._count.comments,
      banned: u.bannedAt !== null,
    })),
  };
}

type LockedUser = { id: string; name: string | null; role: Role; bannedAt: Date | null };

/**
 * Gives user `userId` the role `role` (admins only). Refused when it would leave no admin
 * who is not banned and can sign in: the last admin cannot demote themself. Returns the public cache tags
 * to invalidate: none, as no public page shows a role (author names stay the same).
 */
export async function changeUserRole(actor: Actor | null, userId: string, role: Role): Promise<RoleChangeResult> {
  if (!actor || !isAdmin(actor)) return ONLY_ADMINS;
  return db.$transaction(async (tx): Promise<RoleChangeResult> => {
    // Every admin who counts, locked in one order (no deadlock between two changes): a
    // concurrent change of any of them waits for this one to commit, then sees its result.
    // An admin "who can sign in" has a password or a provider account (the seed's author
    // has neither): the same rule as /setup and `npm run user` (lib/auth/setup-link.mjs).
    const admins = await tx.$queryRaw<{ id: string; canSignIn: boolean }[]>`
      SELECT id, (password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = users.id)) AS "canSignIn"
        FROM users WHERE role = 'ADMIN' AND banned_at IS NULL ORDER BY id FOR UPDATE`;
    if (!admins.some((a) => a.id === actor.id)) return refuse(403, 'noLongerAdmin');
    const [target] = await tx.$queryRaw<LockedUser[]>`
      SELECT id, name, role, banned_at AS "bannedAt" FROM users WHERE id = ${userId} FOR UPDATE`;
    if (!target) return NOT_FOUND;
    const user = { id: target.id, name: target.name ?? 'Reader', role };
    if (target.role === role) return { ok: true, user, previousRole: target.role, tags: [] };
    const countsAsAdmin = target.role === 'ADMIN' && target.bannedAt === null;
    if (countsAsAdmin && !admins.some((a) => a.id !== target.id && a.canSignIn)) {
      return target.id === actor.id ? refuse(409, 'lastAdminSelf') : refuse(409, 'lastAdminOther', { detail: user.name });
    }
    // The user's sessions end (a new session version): they sign in again with the new role.
    await tx.user.update({ where: { id: target.id }, data: { role, sessionVersion: { increment: 1 } }, select: { id: true } });
    return { ok: true, user, previousRole: target.role, tags: [] };
  });
}
