import 'server-only';
import type { Provider } from 'next-auth/providers/index';

// OAuth / OpenID Connect providers, each on when its environment variables are set.
// (Filled in with the OIDC work: GitHub, Google and a generic OIDC issuer.)
export function oauthProviders(): Provider[] {
  return [];
}

/** What the sign-in page shows: one button per configured provider. */
export function oauthProviderButtons(): { id: string; name: string }[] {
  return oauthProviders().map((p) => ({ id: p.id, name: p.name }));
}
