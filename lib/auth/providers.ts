import 'server-only';
import type { Account, Profile, User } from 'next-auth';
import GitHubProvider from 'next-auth/providers/github';
import GoogleProvider from 'next-auth/providers/google';
import type { OAuthConfig, Provider } from 'next-auth/providers/index';
import type { TokenSet } from 'openid-client';
import { env } from '@/lib/env';
import type { Dictionary } from '@/lib/i18n';

// OAuth / OpenID Connect providers, each on when its environment variables are set.

type OidcClaims = {
  sub: string;
  name?: string;
  preferred_username?: string;
  email?: string;
  email_verified?: boolean;
  picture?: string;
};

/** A generic OpenID Connect issuer (Keycloak, Authentik, Auth0, the e2e test issuer …). */
function oidcProvider(issuer: string, clientId: string, clientSecret: string, name: string): OAuthConfig<OidcClaims> {
  return {
    id: 'oidc',
    name,
    type: 'oauth',
    wellKnown: `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    // With `idToken: true` next-auth takes the profile from the ID token alone, but a
    // conforming issuer puts scope claims (email, email_verified, name) only in the
    // userinfo response for the code flow (oidc-provider does so by default). So: the
    // verified ID token's claims, completed by userinfo; openid-client refuses a userinfo
    // response whose `sub` differs from the ID token's.
    userinfo: {
      async request({ tokens, client }) {
        const tokenSet = tokens as unknown as TokenSet;
        const claims = tokenSet.claims();
        if (!client.issuer.metadata.userinfo_endpoint || !tokenSet.access_token) return claims as OidcClaims;
        const info = await client.userinfo(tokenSet);
        return { ...claims, ...info, sub: claims.sub };
      },
    },
    profile(profile) {
      return {
        id: profile.sub,
        name: profile.name || profile.preferred_username || profile.email || null,
        email: profile.email ?? null,
        image: profile.picture ?? null,
      };
    },
  };
}

export function oauthProviders(): Provider[] {
  const e = env();
  const providers: Provider[] = [];
  if (e.GITHUB_ID && e.GITHUB_SECRET) providers.push(GitHubProvider({ clientId: e.GITHUB_ID, clientSecret: e.GITHUB_SECRET }));
  if (e.GOOGLE_ID && e.GOOGLE_SECRET) providers.push(GoogleProvider({ clientId: e.GOOGLE_ID, clientSecret: e.GOOGLE_SECRET }));
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push(oidcProvider(e.OIDC_ISSUER, e.OIDC_CLIENT_ID, e.OIDC_CLIENT_SECRET, e.OIDC_NAME));
  }
  return providers;
}

export type OAuthButton = { id: string; label: string; pendingLabel: string };

/** What the sign-in and sign-up pages show: one button per configured provider, worded by `strings`. */
export function oauthButtonsFor(strings: Dictionary['accountUi']['oauth']): OAuthButton[] {
  return oauthProviders().map((p) => ({ id: p.id, label: strings.signInWith(p.name), pendingLabel: strings.opening(p.name) }));
}

/**
 * Whether the provider vouches that the person signing in controls the email address.
 * Only then may the sign-in be linked to an existing user with that email.
 * - Google and OIDC: the `email_verified` claim, strictly `true`.
 * - GitHub: its /user profile does not say (the verified flag is only in /user/emails,
 *   which next-auth's provider reads without keeping the flag), so never verified.
 */
export function providerVerifiedEmail(provider: string, profile: Profile | undefined): boolean {
  const claim = (profile as { email_verified?: unknown } | undefined)?.email_verified;
  switch (provider) {
    case 'google':
    case 'oidc':
      return claim === true;
    default:
      return false;
  }
}

/** The identity resolveOAuthUser needs, from what next-auth hands its callbacks. */
export function oauthIdentity(account: Account, user: User, profile: Profile | undefined) {
  return {
    provider: account.provider,
    providerAccountId: account.providerAccountId,
    email: user.email ?? null,
    emailVerified: providerVerifiedEmail(account.provider, profile),
    name: user.name ?? null,
    image: user.image ?? null,
  };
}
