import 'server-only';
import { cookies } from 'next/headers';
import { encode } from 'next-auth/jwt';
import { env } from '@/lib/env';
import { ACCOUNT_COOKIE, SECURE_SESSION_COOKIE, SESSION_COOKIE } from '@/lib/cookie-names.mjs';
import { decodeSessionToken, type Session } from './session-token.mjs';

// The session is next-auth's JWT cookie. next-auth writes it after an OAuth/OIDC
// sign-in; the email-and-password server actions write the same cookie themselves
// (so sign-in works as a plain form post, without JavaScript), and everything reads it
// here. The token carries only the user id, when the reader signed in (`auth_time`, kept
// when next-auth re-issues the cookie, unlike `iat`) and the account's session version
// (`sv`): role, ban and version are read from the database on every check, so a ban or a
// role change takes effect at once, and a token whose version moved on is over.

export const SESSION_MAX_AGE_S = 30 * 24 * 60 * 60;

export function authSecret(): string {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === 'production') throw new Error('Configuration error: AUTH_SECRET is required in production (openssl rand -base64 32)');
  return 'quire-development-secret-not-for-production';
}

/** Secure cookies (and the __Secure- name next-auth uses) when the site is served over https. */
export function secureCookies(): boolean {
  return (process.env.NEXTAUTH_URL ?? env().SITE_URL).startsWith('https://');
}

export function sessionCookieName(): string {
  return secureCookies() ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** What a session is started for: `sessionVersion` read from the account with the rest. */
export type SessionUser = { id: string; name: string | null; email: string | null; sessionVersion: number };

/** Starts a session for a user: the same cookie next-auth would set. Server actions only. */
export async function startSession(user: SessionUser): Promise<void> {
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email, auth_time: nowSeconds(), sv: user.sessionVersion },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_S,
  });
  (await cookies()).set(sessionCookieName(), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
  await setAccountCookie(user.name);
}

/** The same cookie as a Set-Cookie header value, for route handlers that build a Response. */
export function accountCookieHeader(name: string | null): string {
  const secure = secureCookies() ? '; Secure' : '';
  return `${ACCOUNT_COOKIE}=${encodeURIComponent(name ?? 'Account')}; Path=/; Max-Age=${SESSION_MAX_AGE_S}; SameSite=Lax${secure}`;
}

/** The header's display-name cookie (see account-cookie.ts); refreshed when the name changes. */
export async function setAccountCookie(name: string | null): Promise<void> {
  // Next percent-encodes cookie values itself.
  (await cookies()).set(ACCOUNT_COOKIE, name ?? 'Account', {
    httpOnly: false,
    sameSite: 'lax',
    secure: secureCookies(),
    path: '/',
    maxAge: SESSION_MAX_AGE_S,
  });
}

export async function endSession(): Promise<void> {
  const jar = await cookies();
  // With Secure as they were set: browsers ignore a __Secure- cookie (its deletion too) without it.
  jar.delete({ name: sessionCookieName(), path: '/', secure: secureCookies() });
  jar.delete({ name: ACCOUNT_COOKIE, path: '/', secure: secureCookies() });
}

/** The JWT clock: whole seconds since the epoch. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export type { Session };

/** The session a raw session cookie value carries, or null (missing, forged, expired). */
export function decodeSession(raw: string | undefined): Promise<Session | null> {
  return decodeSessionToken(raw, authSecret());
}

/** The session cookie's user and sign-in time, or null. Makes the caller dynamic. */
export async function getSession(): Promise<Session | null> {
  return decodeSession((await cookies()).get(sessionCookieName())?.value);
}
