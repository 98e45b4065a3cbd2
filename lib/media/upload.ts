import 'server-only';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { createMedia, MediaDenied } from '@/lib/dal/media';
import { prepareImage } from './image';
import type { ImageMimeType } from './limits';
import { removeUpload, storeUpload, uploadUrl } from './storage';

// One image upload from bytes to a served file and its media row. Either both exist
// afterwards or neither: a refused file is never written, and a row that cannot be
// inserted takes its file with it.

export type UploadedImage = { id: string; url: string; width: number; height: number; mimeType: ImageMimeType; alt: string };
export type UploadRefusal = { ok: false; status: 400 | 401 | 403 | 413; message: string };

/** Who may upload, as a refusal with the status to answer; null when they may. */
export function uploadRefusal(actor: Actor | null): UploadRefusal | null {
  if (!actor) return { ok: false, status: 401, message: 'Sign in to upload images.' };
  if (actor.banned) return { ok: false, status: 403, message: 'Your account can no longer upload images.' };
  if (!canUploadMedia(actor)) return { ok: false, status: 403, message: new MediaDenied().message };
  return null;
}

export async function uploadImage(actor: Actor | null, input: { bytes: Uint8Array; alt: string }): Promise<({ ok: true } & UploadedImage) | UploadRefusal> {
  const refused = uploadRefusal(actor);
  if (refused) return refused;
  const image = await prepareImage(input.bytes);
  if (!image.ok) return image;

  const name = await storeUpload(image.data, image.ext);
  try {
    const media = await createMedia(actor, { path: name, mimeType: image.mimeType, width: image.width, height: image.height, bytes: image.data.byteLength, alt: input.alt });
    return { ok: true, id: media.id, url: uploadUrl(name), width: media.width, height: media.height, mimeType: media.mimeType, alt: media.alt };
  } catch (error) {
    await removeUpload(name);
    throw error;
  }
}
