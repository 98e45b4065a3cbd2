import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { env } from '@/lib/env';

// next-auth (v4), JWT sessions. Providers (email and password, OpenID Connect)
// arrive with the accounts-and-comments issue; the adapter tables already exist.
export function authOptions(): NextAuthOptions {
  const { AUTH_SECRET, NODE_ENV } = env();
  return {
    secret: AUTH_SECRET ?? (NODE_ENV === 'production' ? undefined : 'quire-development-secret-not-for-production'),
    session: { strategy: 'jwt' },
    providers: [],
  };
}
