#!/usr/bin/env node
// A real OpenID Provider for the e2e tests (oidc-provider 8, in memory), so the site's
// "Sign in with OIDC" runs the whole authorization-code + PKCE flow against it.
//
//   OIDC_PORT=4010 SITE_URL=http://127.0.0.1:3100 node e2e/helpers/oidc-server.mjs
//
// Issuer http://127.0.0.1:$OIDC_PORT, one client ($OIDC_CLIENT_ID / $OIDC_CLIENT_SECRET,
// defaults quire-e2e / quire-e2e-secret) redirecting to $SITE_URL/api/auth/callback/oidc.
// Ready when GET /.well-known/openid-configuration answers 200; prints "oidc ready".
//
// Sign-in uses oidc-provider's built-in dev interaction: a form with a login and a
// password (any password). The login picks the account:
//   verified   → oidc-verified,   oidc.verified@example.test (verified), "Olivia OIDC"
//   unverified → oidc-unverified, member@example.test (NOT verified), "Unverified Person"
//   <other>    → oidc-<other>,    <other>@example.test (verified), "<other>"
// Consent is granted automatically (loadExistingGrant), so no consent screen is shown.
import Provider from 'oidc-provider';

const port = Number(process.env.OIDC_PORT ?? 4010);
const issuer = `http://127.0.0.1:${port}`;
const siteUrl = (process.env.SITE_URL ?? `http://127.0.0.1:${process.env.E2E_PORT ?? 3100}`).replace(/\/+$/, '');
const clientId = process.env.OIDC_CLIENT_ID || 'quire-e2e';
const clientSecret = process.env.OIDC_CLIENT_SECRET || 'quire-e2e-secret';

function accountFor(login) {
  if (login === 'verified') return { sub: 'oidc-verified', email: 'oidc.verified@example.test', email_verified: true, name: 'Olivia OIDC' };
  if (login === 'unverified') return { sub: 'oidc-unverified', email: 'member@example.test', email_verified: false, name: 'Unverified Person' };
  return { sub: `oidc-${login}`, email: `${login}@example.test`, email_verified: true, name: login };
}

// The dev interaction logs in with accountId = the typed login; the subject is derived from it.
async function findAccount(ctx, id) {
  const profile = accountFor(String(id));
  return {
    accountId: id,
    async claims() {
      return { ...profile, preferred_username: String(id) };
    },
  };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [`${siteUrl}/api/auth/callback/oidc`],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
  },
  findAccount,
  pkce: { methods: ['S256'], required: () => true },
  features: { devInteractions: { enabled: true } },
  // First-party test client: grant whatever it asks for instead of showing a consent screen.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      const existing = await ctx.oidc.provider.Grant.find(grantId);
      if (existing) return existing;
    }
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
  // Plain http on loopback: the default long-lived cookie is SameSite=None, which browsers
  // drop without Secure; Lax is what a top-level redirect flow needs anyway.
  cookies: {
    keys: ['quire-e2e-oidc-cookie-key-not-secret'],
    long: { signed: true, sameSite: 'lax' },
    short: { signed: true, sameSite: 'lax' },
  },
  // Tokens and sessions live in memory (the default adapter), which is what a test wants.
  ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 120, AccessToken: 600, IdToken: 600 },
});

// oidc-provider treats these as expected client errors; keep the output to one line each.
provider.on('server_error', (ctx, error) => console.error(`oidc server_error: ${error.message}`));

const server = provider.listen(port, '127.0.0.1', () => {
  console.log('oidc ready');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
