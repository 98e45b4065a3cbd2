// @ts-check
// REDIS_URL and REDIS_KEY_PREFIX, validated once. Read by the cache handlers (loaded by
// Next at run time, outside the app bundle), by server/server.mjs and by lib/env.ts, so
// it is plain JavaScript with zod rather than part of the TypeScript env module.
import { z } from 'zod';

/** @param {unknown} value */
const blankToUndefined = (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const redisEnvSchema = z.object({
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z.string().regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379').optional(),
  ),
  REDIS_KEY_PREFIX: z.preprocess(
    blankToUndefined,
    z.string().regex(/^[\w:.-]{1,64}$/, 'REDIS_KEY_PREFIX may hold letters, digits, _ : . - (at most 64)').default('quire:'),
  ),
});

/**
 * @param {Record<string, string | undefined>} [source]
 * @returns {{ url: string, prefix: string } | null} null when REDIS_URL is unset: caches stay in this process
 */
export function redisConfig(source = process.env) {
  const parsed = redisEnvSchema.safeParse(source);
  if (!parsed.success) throw new Error(`Configuration error: ${parsed.error.issues[0]?.message ?? 'invalid Redis settings'}`);
  const { REDIS_URL: url, REDIS_KEY_PREFIX: prefix } = parsed.data;
  return url ? { url, prefix } : null;
}
