import { NextResponse, type NextRequest } from 'next/server';

// Pages that need a session answer a real 307 to the sign-in page when there is no
// session cookie at all, before any rendering (a redirect thrown while a page streams
// can only be carried out by script, which readers without JavaScript do not run).
// Only a first gate: every page, action and handler still checks the session itself.

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

export function proxy(request: NextRequest) {
  if (SESSION_COOKIES.some((name) => request.cookies.has(name))) return NextResponse.next();
  const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  const target = new URL('/signin', request.url);
  target.searchParams.set('callbackUrl', back);
  return NextResponse.redirect(target, 307);
}

export const config = { matcher: ['/profile', '/admin/:path*'] };
