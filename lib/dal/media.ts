import 'server-only';
import { createHash } from 'node:crypto';
import { canUploadMedia, type Actor } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import type { ImageMimeType } from '@/lib/media/limits';
import { isUploadUrl, type ImageSize } from '@/lib/media/responsive';
import { refuse, type Result } from './result';

// Rows of the media table, one per upload, and their bytes (media_blobs, served by
// lib/dal/media-blobs.ts): both are written in one statement, so neither exists alone.

export type MediaItem = { id: string; path: string; mimeType: ImageMimeType; width: number; height: number; bytes: number; alt: string };

const mediaSelect = { id: true, path: true, mimeType: true, width: true, height: true, bytes: true, alt: true } as const;

/** Stores an upload's bytes and its row as the actor's upload, atomically; refuses anyone who may not upload. */
export async function createMedia(actor: Actor | null, input: Omit<MediaItem, 'id' | 'bytes'> & { data: Uint8Array }): Promise<Result<{ media: MediaItem }, 'uploadersOnly'>> {
  if (!actor || !canUploadMedia(actor)) return refuse(403, 'uploadersOnly');
  const { data, ...meta } = input;
  const blob = { data: new Uint8Array(data), contentType: meta.mimeType, size: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
  // A nested create is one INSERT … per table inside one transaction: a failed row leaves no blob.
  const row = await db.media.create({ data: { ...meta, bytes: data.byteLength, uploaderId: actor.id, blob: { create: blob } }, select: mediaSelect });
  return { ok: true, media: { ...row, mimeType: row.mimeType as ImageMimeType } };
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
