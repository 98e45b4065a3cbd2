import 'server-only';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { ImageMimeType } from '@/lib/media/limits';

// Rows of the media table: one per stored upload (the file itself is in lib/media/storage.ts).

export type MediaItem = { id: string; path: string; mimeType: ImageMimeType; width: number; height: number; bytes: number; alt: string };

export class MediaDenied extends Error {
  constructor() {
    super('Only contributors, authors, editors and admins can upload images.');
  }
}

const mediaSelect = { id: true, path: true, mimeType: true, width: true, height: true, bytes: true, alt: true } as const;

/** Records a stored file as the actor's upload; refuses anyone who may not upload. */
export async function createMedia(actor: Actor | null, input: Omit<MediaItem, 'id'>): Promise<MediaItem> {
  if (!actor || !canUploadMedia(actor)) throw new MediaDenied();
  const row = await db.media.create({ data: { ...input, uploaderId: actor.id }, select: mediaSelect });
  return { ...row, mimeType: row.mimeType as ImageMimeType };
}
