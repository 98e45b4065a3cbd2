import 'server-only';
import { cookies } from 'next/headers';
import { decode, encode } from 'next-auth/jwt';
import { env } from '@/lib/env';

// The session is next-auth's JWT cookie. next-auth writes it after an OAuth/OIDC
// sign-in; the email-and-password server actions write the same cookie themselves
// (so sign-in works as a plain form post, without JavaScript), and everything reads it
// here. The token carries only the user id: role and ban are read from the database on
// every check, so a ban or a role change takes effect at once.

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
  return `${secureCookies() ? '__Secure-' : ''}next-auth.session-token`;
}

/** Starts a session for a user: the same cookie next-auth would set. Server actions only. */
export async function startSession(user: { id: string; name: string | null; email: string | null }): Promise<void> {
  const token = await encode({
    token: { sub: user.id, name: user.name, email: user.email },
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
}

export async function endSession(): Promise<void> {
  (await cookies()).delete({ name: sessionCookieName(), path: '/' });
}

/** The signed-in user's id from the session cookie, or null. Makes the caller dynamic. */
export async function getSessionUserId(): Promise<string | null> {
  const raw = (await cookies()).get(sessionCookieName())?.value;
  if (!raw) return null;
  try {
    const token = await decode({ token: raw, secret: authSecret() });
    return typeof token?.sub === 'string' ? token.sub : null;
  } catch {
    return null;
  }
}
