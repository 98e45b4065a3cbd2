import 'server-only';
import { randomBytes } from 'node:crypto';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { createMedia } from '@/lib/dal/media';
import { getDictionary } from '@/lib/i18n';
import { refusalText } from '@/lib/i18n/refusal-words';
import { prepareImage } from './image';
import type { ImageMimeType } from './limits';

// One image upload from bytes to a served image: the re-encoded bytes and the media row
// are written together (lib/dal/media.ts), so either both exist afterwards or neither.
// Its answers are in English, like the rest of the admin editor.

export type UploadedImage = { id: string; url: string; width: number; height: number; mimeType: ImageMimeType; alt: string };
export type UploadRefusal = { ok: false; status: 400 | 401 | 403 | 413; message: string };

export function uploadUrl(name: string): string {
  return `/uploads/${name}`;
}

/** Who may upload, as a refusal with the status to answer; null when they may. */
export function uploadRefusal(actor: Actor | null): UploadRefusal | null {
  if (!actor) return { ok: false, status: 401, message: 'Sign in to upload images.' };
  if (actor.banned) return { ok: false, status: 403, message: 'Your account can no longer upload images.' };
  if (!canUploadMedia(actor)) return { ok: false, status: 403, message: refusalText('uploadersOnly', getDictionary('en')) };
  return null;
}

export async function uploadImage(actor: Actor | null, input: { bytes: Uint8Array; alt: string }): Promise<({ ok: true } & UploadedImage) | UploadRefusal> {
  const refused = uploadRefusal(actor);
  if (refused) return refused;
  const image = await prepareImage(input.bytes);
  if (!image.ok) return image;

  // A random name that never changes: the address can be cached for a year and guessed by nobody.
  const name = `${randomBytes(16).toString('hex')}.${image.ext}`;
  const stored = await createMedia(actor, { path: name, mimeType: image.mimeType, width: image.width, height: image.height, alt: input.alt, data: image.data });
  if (!stored.ok) return { ok: false, status: 403, message: refusalText(stored.reason, getDictionary('en')) };
  const { media } = stored;
  return { ok: true, id: media.id, url: uploadUrl(name), width: media.width, height: media.height, mimeType: media.mimeType, alt: media.alt };
}
