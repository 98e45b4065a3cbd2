// @ts-check
import { z } from 'zod';
import { idSchema } from './ids.mjs';

export const MAX_BEACON_BYTES = 512;

const beaconSchema = z.object({ postId: idSchema('postId is not a post id') }).strict();

/** @typedef {{ ok: true, postId: string } | { ok: false, status: 400 | 413, error: string }} BeaconParse */

/**
 * Parses a beacon body: JSON {"postId": "…"}, at most MAX_BEACON_BYTES.
 * @param {string} raw
 * @returns {BeaconParse}
 */
export function parseViewBeacon(raw) {
  if (Buffer.byteLength(raw) > MAX_BEACON_BYTES) {
    return { ok: false, status: 413, error: `Beacon too large (max ${MAX_BEACON_BYTES} bytes)` };
  }
  /** @type {unknown} */
  let json;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, status: 400, error: 'Beacon body must be JSON: {"postId": "…"}' };
  }
  const result = beaconSchema.safeParse(json);
  if (!result.success) return { ok: false, status: 400, error: result.error.issues[0]?.message ?? 'Invalid beacon' };
  return { ok: true, postId: result.data.postId };
}
