import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { discardImages, findStoredImage, runActor } from '@/lib/dal/imported-images';
import { importBundles } from '@/lib/dal/imports';
import { createMedia } from '@/lib/dal/media';
import { prepareImage } from '@/lib/media/image';
import { MAX_UPLOAD_BYTES } from '@/lib/media/limits';
import { uploadUrl } from '@/lib/media/upload';
import { findLocalImages } from './local-images';
import type { ImportReport } from './report';
import type { ImportBundle } from './types';

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
    const stored = await createMedia(actor, { path: name, mimeType: image.mimeType, width: image.width, height: image.height, alt: '', data: image.data });
    // Imports run as an admin: a refusal here is a bug.
    if (!stored.ok) throw new Error(`storing an imported image was refused: ${stored.reason}`);
    out.urls.set(file, uploadUrl(name));
    out.created.push(stored.media.id);
  }
  return out;
}

/**
 * importBundles, with the Markdown posts' local images (files in `root`, the folder) stored
 * first, as uploads of `createdBy`, and their links rewritten (the /admin/import job and `npm run import`).
 */
export async function importWithLocalImages(root: string, bundles: ImportBundle[], options: { dryRun: boolean; createdBy: string | null; onProgress: (done: number, total: number) => void }): Promise<ImportReport> {
  const markdown = bundles.find((b) => b.format === 'markdown');
  const images = markdown ? await findLocalImages(root, markdown) : null;
  if (!images || images.files.length === 0) return importBundles(bundles, options);
  if (options.dryRun) {
    const report = await importBundles(bundles, options);
    report.notes.push(`${images.files.length} local images would be uploaded to the media store, and the posts' links to them rewritten`);
    return report;
  }
  const stored = await storeImages(await runActor(options.createdBy), root, images.files);
  images.rewrite(stored.urls);
  try {
    const report = await importBundles(bundles, options);
    report.notes.push(...stored.notes, `${stored.created.length} local images uploaded to the media store (${stored.reused} stored before), the posts' links to them rewritten`);
    return report;
  } catch (error) {
    await discardImages(stored.created);
    throw error;
  }
}
