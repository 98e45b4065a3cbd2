import 'server-only';
import { z } from 'zod';

// One validated view of the environment, read only by server code. A missing or
// malformed variable fails fast with one line naming it.
const schema = z.object({
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is not set (npm start sets it for the embedded database)' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  SITE_URL: z.url('SITE_URL must be an absolute URL such as https://blog.example.com').default('http://localhost:3000'),
  AUTH_SECRET: z.string().min(16, 'AUTH_SECRET must be at least 16 characters').optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Configuration error: ${issue?.message ?? 'invalid environment'}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.AUTH_SECRET && process.env.NEXT_PHASE !== 'phase-production-build') {
    throw new Error('Configuration error: AUTH_SECRET is required in production (openssl rand -base64 32)');
  }
  cached = parsed.data;
  return cached;
}

export function siteUrl(path = '/'): string {
  return new URL(path, env().SITE_URL).toString();
}
