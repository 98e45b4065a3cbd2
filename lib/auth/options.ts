import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { oauthProviders } from './providers';
import { authSecret, SESSION_MAX_AGE_S, secureCookies } from './session';

// next-auth (v4), JWT sessions, for OAuth and OpenID Connect sign-in. Email and
// password sign-in are server actions (lib/actions/auth.ts) that write the same cookie.
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    useSecureCookies: secureCookies(),
    providers: oauthProviders(),
    pages: { signIn: '/signin', error: '/signin' },
  };
}
