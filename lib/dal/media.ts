import 'server-only';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { ImageMimeType } from '@/lib/media/limits';
import { isUploadUrl, type ImageSize } from '@/lib/media/responsive';

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

/**
 * The pixel sizes of uploads by address (/uploads/<name>), in one query; addresses that
 * are not uploads, or whose row is gone, are left out. Public: a size says nothing about
 * who uploaded what.
 */
export async function getImageSizes(urls: Iterable<string | null | undefined>): Promise<Map<string, ImageSize>> {
  const names = [...new Set(urls)].filter((u): u is string => typeof u === 'string' && isUploadUrl(u)).map((u) => u.slice('/uploads/'.length));
  if (names.length === 0) return new Map();
  const rows = await db.media.findMany({ where: { path: { in: names } }, select: { path: true, width: true, height: true } });
  return new Map(rows.map((r) => [`/uploads/${r.path}`, { width: r.width, height: r.height }]));
}
