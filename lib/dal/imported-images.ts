import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { prepareImage } from '@/lib/media/image';
import { MAX_UPLOAD_BYTES } from '@/lib/media/limits';
import { uploadUrl } from '@/lib/media/upload';
import { createMedia } from './media';

// The local images of an imported Markdown folder (lib/import/local-images.ts) into the
// media store, as uploads of the admin who started the import: checked and re-encoded as
// any upload (lib/media/image.ts). An image stored before (the same re-encoded bytes: a
// rerun of the same folder) keeps its address, so the posts come out the same and a second
// import changes nothing. Stored before the posts' transaction; if that fails, the new ones
// are deleted again (discardImages).

export type StoredImages = { urls: Map<string, string>; created: string[]; reused: number; notes: string[] };

/** The admin who started the run, as an actor (null when the account is gone). */
export async function runActor(userId: string | null): Promise<Actor | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, bannedAt: true } });
  return user ? { id: user.id, role: user.role, banned: user.bannedAt !== null } : null;
}

export async function storeImages(actor: Actor | null, root: string, files: string[]): Promise<StoredImages> {
  const out: StoredImages = { urls: new Map(), created: [], reused: 0, notes: [] };
  if (files.length === 0) return out;
  if (!actor || !canUploadMedia(actor)) {
    out.notes.push(`${files.length} local images not uploaded: the account that started the import may no longer upload; their links are left as they were`);
    return out;
  }
  for (const file of files) {
    const shown = path.relative(root, file);
    if ((await stat(file)).size > MAX_UPLOAD_BYTES) {
      out.notes.push(`image ${shown}: not uploaded, larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB; its links are left as they were`);
      continue;
    }
    const image = await prepareImage(await readFile(file));
    if (!image.ok) {
      out.notes.push(`image ${shown}: not uploaded, ${image.message}`);
      continue;
    }
    const sha256 = createHash('sha256').update(image.data).digest('hex');
    const known = await db.mediaBlob.findFirst({ where: { sha256, contentType: image.mimeType }, select: { media: { select: { path: true } } } });
    if (known) {
      out.urls.set(file, uploadUrl(known.media.path));
      out.reused += 1;
      continue;
    }
    const name = `${randomBytes(16).toString('hex')}.${image.ext}`;
    const media = await createMedia(actor, { path: name, mimeType: image.mimeType, width: image.width, height: image.height, alt: '', data: image.data });
    out.urls.set(file, uploadUrl(name));
    out.created.push(media.id);
  }
  return out;
}

/** Deletes the images this run stored (its posts were not written); blobs go with their rows. */
export async function discardImages(mediaIds: string[]): Promise<void> {
  if (mediaIds.length > 0) await db.media.deleteMany({ where: { id: { in: mediaIds } } });
}
