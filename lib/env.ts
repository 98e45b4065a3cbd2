import 'server-only';
import { z } from 'zod';
import { redisEnvSchema } from '@/lib/shared-cache/config.mjs';
import { isBuildPhase } from './build-database';

function blankToUndefined(value: unknown) {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

function optional() {
  return z.preprocess(blankToUndefined, z.string().optional());
}

// One validated view of the environment, read only by server code. A missing or
// malformed variable fails fast with one line naming it.
const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set (npm start sets it for the embedded database)' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  // Background jobs (lib/jobs): the worker LISTENs, which needs a direct connection, not
  // PgBouncer in transaction mode; falls back to DATABASE_URL.
  DATABASE_DIRECT_URL: z.preprocess(blankToUndefined, z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_DIRECT_URL must be a postgresql:// URL').optional()),
  JOBS_WORKER: z.preprocess(blankToUndefined, z.enum(['0', '1'], { error: 'JOBS_WORKER must be 0 or 1' }).default('1')),
  JOBS_CONCURRENCY: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50, 'JOBS_CONCURRENCY must be 1 to 50').default(2)),
  SITE_URL: z.url('SITE_URL must be an absolute URL such as https://blog.example.com').default('http://localhost:3000'),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),

  // Sign-in providers: each is on when its variables are set (lib/auth/providers.ts).
  GITHUB_ID: optional(),
  GITHUB_SECRET: optional(),
  GOOGLE_ID: optional(),
  GOOGLE_SECRET: optional(),
  OIDC_ISSUER: z.preprocess(blankToUndefined, z.url('OIDC_ISSUER must be the issuer URL, e.g. https://id.example.com').optional()),
  OIDC_CLIENT_ID: optional(),
  OIDC_CLIENT_SECRET: optional(),
  OIDC_NAME: z.preprocess(blankToUndefined, z.string().max(40).default('OpenID Connect')),

  // Reply notifications by email (lib/mail): off unless SMTP_URL or SMTP_HOST is set.
  SMTP_URL: z.preprocess(blankToUndefined, z.string().regex(/^smtps?:\/\//, 'SMTP_URL must be smtp:// or smtps://').optional()),
  SMTP_HOST: optional(),
  SMTP_PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(65535, 'SMTP_PORT must be a port number').optional()),
  SMTP_USER: optional(),
  SMTP_PASSWORD: optional(),
  SMTP_SECURE: z.preprocess(blankToUndefined, z.enum(['true', 'false'], { error: 'SMTP_SECURE must be true or false' }).optional()),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().default('Quire <no-reply@localhost>')),

  // Sitemaps (app/sitemap.xml, app/sitemaps): URLs per child sitemap; the protocol allows 50,000.
  SITEMAP_PAGE_SIZE: z.preprocess(blankToUndefined, z.coerce.number({ error: 'SITEMAP_PAGE_SIZE must be a number' }).int('SITEMAP_PAGE_SIZE must be a whole number').min(1, 'SITEMAP_PAGE_SIZE must be 1 to 50000').max(50_000, 'SITEMAP_PAGE_SIZE must be 1 to 50000').default(50_000)),

  // IndexNow (lib/indexnow): unset, nothing is sent. The key is also served at /<key>.txt;
  // the protocol allows 8 to 128 letters, digits and dashes.
  INDEXNOW_KEY: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9-]{8,128}$/, 'INDEXNOW_KEY must be 8 to 128 letters, digits or dashes (e.g. openssl rand -hex 16)').optional()),
  INDEXNOW_ENDPOINT: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: 'INDEXNOW_ENDPOINT must be an http(s) URL such as https://api.indexnow.org/indexnow' }).default('https://api.indexnow.org/indexnow')),

  // Feeds (lib/feeds, app/**/rss.xml, atom.xml, feed.json): entries per feed, newest first.
  FEED_ITEMS: z.preprocess(blankToUndefined, z.coerce.number({ error: 'FEED_ITEMS must be a number' }).int('FEED_ITEMS must be a whole number').min(1, 'FEED_ITEMS must be 1 to 100').max(100, 'FEED_ITEMS must be 1 to 100').default(20)),

  // Uploads to /admin/import (lib/import/upload-request.ts): the largest file, and the most a
  // .zip may unpack to (a zip bomb stops there), in MB.
  IMPORT_MAX_MB: z.preprocess(blankToUndefined, z.coerce.number({ error: 'IMPORT_MAX_MB must be a number' }).int('IMPORT_MAX_MB must be a whole number').min(1, 'IMPORT_MAX_MB must be 1 to 1024').max(1024, 'IMPORT_MAX_MB must be 1 to 1024').default(200)),
  IMPORT_MAX_UNZIPPED_MB: z.preprocess(blankToUndefined, z.coerce.number({ error: 'IMPORT_MAX_UNZIPPED_MB must be a number' }).int('IMPORT_MAX_UNZIPPED_MB must be a whole number').min(1, 'IMPORT_MAX_UNZIPPED_MB must be 1 to 4096').max(4096, 'IMPORT_MAX_UNZIPPED_MB must be 1 to 4096').default(1024)),

  // Abuse limits (lib/rate-limit.ts). Multipliers let the bench raise them; 1 in production.
  RATE_LIMIT_MULTIPLIER: z.preprocess(blankToUndefined, z.coerce.number().min(1, 'RATE_LIMIT_MULTIPLIER must be at least 1').default(1)),
  // Password hashing (lib/auth/password.ts): argon2 operations at once (unset: the cores),
  // how many more may wait, and how long each may wait before a 503.
  PASSWORD_HASH_CONCURRENCY: z.preprocess(blankToUndefined, z.coerce.number().int().min(1, 'PASSWORD_HASH_CONCURRENCY must be 1 to 64').max(64, 'PASSWORD_HASH_CONCURRENCY must be 1 to 64').optional()),
  PASSWORD_HASH_QUEUE: z.preprocess(blankToUndefined, z.coerce.number().int().min(0, 'PASSWORD_HASH_QUEUE must be 0 to 1000').max(1000, 'PASSWORD_HASH_QUEUE must be 0 to 1000').default(16)),
  PASSWORD_HASH_WAIT_MS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0, 'PASSWORD_HASH_WAIT_MS must be 0 to 30000').max(30_000, 'PASSWORD_HASH_WAIT_MS must be 0 to 30000').default(2000)),
}).extend(
  // The shared cache (lib/shared-cache): REDIS_URL unset keeps every cache in this process.
  redisEnvSchema.shape,
);

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  // `next build` needs no database (lib/build-database.ts): none is read, so none is required.
  const parsed = schema.safeParse(isBuildPhase() ? { ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgresql://no-database-during-build.invalid/' } : process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration error: ${issue?.message ?? 'invalid environment'}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.AUTH_SECRET && !isBuildPhase()) {
    throw new Error('Configuration error: AUTH_SECRET is required in production (openssl rand -base64 32)');
  }
  cached = parsed.data;
  return cached;
}
