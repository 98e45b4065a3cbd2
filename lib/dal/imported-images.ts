import 'server-only';
import type { Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';

// The media rows of an import's local images (lib/import/store-images.ts stores them): who
// uploads them, which are stored already, and taking them back when the import fails.

/** The admin who started the run, as an actor (null when the account is gone). */
export async function runActor(userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, bannedAt: true } });
  return user ? { id: user.id, role: user.role, banned: user.bannedAt !== null } : null;
}

/** The site's first admin (who `npm run import` files a folder's images under), or null. */
export async function firstAdminId(): Promise<string | null> {
  const admin = await db.user.findFirst({ where: { role: 'ADMIN', bannedAt: null }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { id: true } });
  return admin?.id ?? null;
}

/** The stored upload with these re-encoded bytes, if any: its path. */
export async function findStoredImage(sha256: string, contentType: string): Promise<string | null> {
  const known = await db.mediaBlob.findFirst({ where: { sha256, contentType }, select: { media: { select: { path: true } } } });
  return known?.media.path ?? null;
}

/** Deletes the images this run stored (its posts were not written); blobs go with their rows. */
export async function discardImages(mediaIds: string[]): Promise<void> {
  if (mediaIds.length > 0) await db.media.deleteMany({ where: { id: { in: mediaIds } } });
}
