import NextAuth from 'next-auth';
import { decode } from 'next-auth/jwt';
import { authOptions } from '@/lib/auth/options';
import { accountCookieHeader, authSecret, sessionCookieName } from '@/lib/auth/session';
import { getDisplayName } from '@/lib/dal/users';

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes (OAuth/OIDC sign-in and callbacks). After a provider sign-in
// sets the session cookie, the header's display-name cookie is added beside it.
async function handler(request: Request, context: Context): Promise<Response> {
  const response: Response = await NextAuth(authOptions())(request, context);
  const { nextauth } = await context.params;
  if (nextauth[0] !== 'callback') return response;
  const prefix = `${sessionCookieName()}=`;
  const sessionCookie = response.headers.getSetCookie().find((c) => c.startsWith(prefix));
  if (!sessionCookie) return response;
  const token = await decode({ token: sessionCookie.slice(prefix.length).split(';')[0] ?? '', secret: authSecret() }).catch(() => null);
  if (typeof token?.sub !== 'string') return response;
  const headers = new Headers(response.headers);
  headers.append('set-cookie', accountCookieHeader(await getDisplayName(token.sub)));
  return new Response(response.body, { status: response.status, headers });
}

export { handler as GET, handler as POST };
