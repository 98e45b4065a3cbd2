import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { findStoredImage } from '@/lib/dal/imported-images';
import { createMedia } from '@/lib/dal/media';
import { prepareImage } from '@/lib/media/image';
import { MAX_UPLOAD_BYTES } from '@/lib/media/limits';
import { uploadUrl } from '@/lib/media/upload';

// The local images of an imported Markdown folder (lib/import/local-images.ts) into the
// media store, as uploads of the admin who started the import: checked and re-encoded as
// any upload (lib/media/image.ts). An image stored before (the same re-encoded bytes: a
// rerun of the same folder) keeps its address, so the posts come out the same and a second
// import changes nothing. Stored before the posts' transaction; if that fails, the new ones
// are deleted again (discardImages).

export type StoredImages = { urls: Map<string, string>; created: string[]; reused: number; notes: string[] };

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
    const known = await findStoredImage(sha256, image.mimeType);
    if (known) {
      out.urls.set(file, uploadUrl(known));
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

