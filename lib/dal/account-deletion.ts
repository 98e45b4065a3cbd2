import 'server-only';
import { checkPassword } from '@/lib/auth/password';
import { DELETED_ACCOUNT_ID, DELETED_ACCOUNT_NAME } from '@/lib/comments/deleted-account';
import { db } from '@/lib/db';

// A reader deletes their own account (issue 13, "A reader's own data"). One transaction:
// the likes they gave come off the counters, their comments move to the "Deleted account"
// placeholder user (kept as written, or with their text removed, as the site setting
// says; replies by others stay either way), and their users row goes, taking with it by
// cascade their provider accounts, likes, reports and reply-notification rows. Sessions are
// JWT cookies checked against the users row on every request (lib/dal/users.ts
// viewerForSession, lib/comments/reader-store.mjs), so with the row gone every session of the
// account, on every device, is signed out at once; and the email is free for a new sign-up.
//
// Refused for an account that owns posts, revisions or uploads (they would need a new
// author: an editorial decision for an admin, not something to guess on the reader's
// behalf), and for the last admin who can sign in (the rule of lib/dal/users-admin.ts).

export type DeletedCommentsMode = 'keep' | 'remove';

export type AccountDeletionResult =
  | { ok: true; posts: { id: string; slug: string }[] }
  | { ok: false; status: 404 | 409; reason: 'gone' | 'ownsContent' | 'lastAdmin' };

/** What the confirm step asks for: the password of a password account, else the email typed again. */
export async function getDeletionConfirm(userId: string): Promise<{ email: string | null; hasPassword: boolean } | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, passwordHash: true } });
  return user ? { email: user.email, hasPassword: user.passwordHash !== null } : null;
}

/** Whether `password` is the account's password (false for an account without one). */
export async function checkAccountPassword(userId: string, password: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  return checkPassword(user?.passwordHash ?? null, password);
}

type Admin = { id: string; canSignIn: boolean };

/** Deletes the account `userId` (the caller has checked that it is the signed-in reader's own). */
export async function deleteOwnAccount(userId: string, mode: DeletedCommentsMode): Promise<AccountDeletionResult> {
  return db.$transaction(async (tx): Promise<AccountDeletionResult> => {
    // The admins first, in the order changeUserRole locks them (no deadlock with a role
    // change), then the account: a concurrent demotion cannot leave the site without an admin.
    const admins = await tx.$queryRaw<Admin[]>`
      SELECT id, (password_hash IS NOT NULL OR EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = users.id)) AS "canSignIn"
        FROM users WHERE role = 'ADMIN' AND banned_at IS NULL ORDER BY id FOR UPDATE`;
    const [user] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM users WHERE id = ${userId} AND id <> ${DELETED_ACCOUNT_ID} FOR UPDATE`;
    if (!user) return { ok: false, status: 404, reason: 'gone' };
    if (admins.some((a) => a.id === userId) && !admins.some((a) => a.id !== userId && a.canSignIn)) {
      return { ok: false, status: 409, reason: 'lastAdmin' };
    }
    const [{ owns }] = await tx.$queryRaw<[{ owns: boolean }]>`
      SELECT EXISTS (SELECT 1 FROM posts WHERE author_id = ${userId})
          OR EXISTS (SELECT 1 FROM post_revisions WHERE author_id = ${userId})
          OR EXISTS (SELECT 1 FROM media WHERE uploader_id = ${userId}) AS owns`;
    if (owns) return { ok: false, status: 409, reason: 'ownsContent' };

    // posts.like_count follows post_likes by trigger (migration 20261203120000_post_like_counts):
    // the cascade below takes the account's post likes off. comment_likes has no trigger.
    // Every post whose page changes: the account's comments, and the comments and posts it liked.
    const posts = await tx.$queryRaw<{ id: string; slug: string }[]>`
      SELECT p.id, p.slug FROM posts p WHERE p.id IN (
        SELECT post_id FROM comments WHERE author_id = ${userId}
        UNION SELECT c.post_id FROM comment_likes l JOIN comments c ON c.id = l.comment_id WHERE l.user_id = ${userId}
        UNION SELECT post_id FROM post_likes WHERE user_id = ${userId})`;

    await tx.$executeRaw`
      UPDATE comments c SET like_count = c.like_count - 1 FROM comment_likes l WHERE l.comment_id = c.id AND l.user_id = ${userId}`;
    await tx.$executeRaw`
      INSERT INTO users (id, name, role, notify_replies, created_at, updated_at)
      VALUES (${DELETED_ACCOUNT_ID}, ${DELETED_ACCOUNT_NAME}, 'MEMBER', false, now(), now())
      ON CONFLICT (id) DO NOTHING`;
    if (mode === 'remove') {
      // posts.comment_count counts visible comments (lib/dal/comment-writes.ts).
      await tx.$executeRaw`
        UPDATE posts p SET comment_count = p.comment_count - v.n
          FROM (SELECT post_id, count(*)::int AS n FROM comments WHERE author_id = ${userId} AND status = 'VISIBLE' GROUP BY post_id) v
         WHERE p.id = v.post_id`;
      await tx.$executeRaw`
        UPDATE comments SET author_id = ${DELETED_ACCOUNT_ID}, status = 'DELETED', body = '', body_html = '' WHERE author_id = ${userId}`;
    } else {
      await tx.$executeRaw`UPDATE comments SET author_id = ${DELETED_ACCOUNT_ID} WHERE author_id = ${userId}`;
    }
    await tx.$executeRaw`DELETE FROM users WHERE id = ${userId}`;
    return { ok: true, posts };
  });
}
