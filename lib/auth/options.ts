import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import { resolveOAuthUser } from '@/lib/dal/accounts';
import { getSessionVersion } from '@/lib/dal/users';
import { oauthIdentity, oauthProviders } from './providers';
import { authSecret, nowSeconds, SESSION_MAX_AGE_S, secureCookies } from './session';

// next-auth (v4), JWT sessions, for OAuth and OpenID Connect sign-in. Email and
// password sign-in are server actions (lib/actions/auth.ts) that write the same cookie.
// No adapter: resolveOAuthUser finds, links or creates our user, and the token's `sub`
// is our users.id (not the provider's subject).
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    useSecureCookies: secureCookies(),
    providers: oauthProviders(),
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.type !== 'oauth') return false;
        const result = await resolveOAuthUser(oauthIdentity(account, user, profile));
        return result.ok ? true : '/signin?error=OAuthAccountNotLinked';
      },
      async jwt({ token, account, profile, user }) {
        if (!account) return token;
        // Sign-in: signIn above accepted it, so this finds the account row it made.
        const result = await resolveOAuthUser(oauthIdentity(account, user, profile));
        if (!result.ok) throw new Error('OAuth sign-in was refused after it was accepted');
        // Only our id, the sign-in time and the session version: no provider tokens, no
        // provider-supplied name or email.
        return { sub: result.userId, auth_time: nowSeconds(), sv: await getSessionVersion(result.userId) };
      },
      redirect({ url, baseUrl }) {
        // Same origin or a relative path; anything else (//evil, /\evil, other hosts) goes home.
        try {
          const target = new URL(url, baseUrl);
          return target.origin === new URL(baseUrl).origin ? target.href : baseUrl;
        } catch {
          return baseUrl;
        }
      },
    },
  };
}
