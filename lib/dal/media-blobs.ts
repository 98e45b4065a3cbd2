import 'server-only';
import { db } from '@/lib/db';

// The bytes behind /uploads/<name>, for every instance alike (they live in PostgreSQL,
// not on one server's disk). Public: an upload's address is its only secret, as before.

/** The only names ever served: what lib/media/upload.ts makes. Nothing else (no "..", no "/") can match. */
const NAME = /^[0-9a-f]{32}\.(jpg|png|webp|avif|gif)$/;

export type UploadHead = { contentType: string; size: number; etag: string };
export type UploadBlob = UploadHead & { data: Uint8Array };

const etagOf = (sha256: string) => `"${sha256}"`;

/** Type, size and strong ETag of an upload without its bytes (for a revalidation), or null when unknown. */
export async function getUploadHead(name: string): Promise<UploadHead | null> {
  if (!NAME.test(name)) return null;
  const row = await db.mediaBlob.findFirst({ where: { media: { path: name } }, select: { contentType: true, size: true, sha256: true } });
  return row && { contentType: row.contentType, size: row.size, etag: etagOf(row.sha256) };
}

/** An upload with its bytes, or null for any name the uploader did not make or whose bytes are not stored. */
export async function getUploadBlob(name: string): Promise<UploadBlob | null> {
  if (!NAME.test(name)) return null;
  const row = await db.mediaBlob.findFirst({ where: { media: { path: name } }, select: { contentType: true, size: true, sha256: true, data: true } });
  return row && { contentType: row.contentType, size: row.size, etag: etagOf(row.sha256), data: row.data };
}
