import { NextResponse, type NextRequest } from 'next/server';
import { isMalformedPath } from '@/lib/bad-path.mjs';
import { mayOpenAdminPath } from '@/lib/auth/admin-access';
import { badAddressHtml, forbiddenHtml, notFoundHtml, setupRefusedHtml } from '@/lib/auth/forbidden-page';
import { decodeSession, secureCookies } from '@/lib/auth/session';
import { mayEditPostId } from '@/lib/dal/admin-post-reads';
import { getSetupState } from '@/lib/dal/first-admin';
import { legacyCandidates, legacyTarget } from '@/lib/dal/legacy-paths';
import { termExists } from '@/lib/dal/taxonomy-admin-reads';
import { viewerForSession } from '@/lib/dal/users';
import { ACCOUNT_COOKIE, SESSION_COOKIES } from '@/lib/cookie-names.mjs';

// Pages that need a session answer a real 307 to the sign-in page when there is no valid
// session, and admin pages the reader's role may not open a real 403, before any
// rendering: a redirect or a status chosen while a page streams can only be carried out
// by script (the prerendered shell is already sent), which readers without JavaScript do
// not run. The same holds for a post editor the reader may not open and for an unknown
// category or tag (404). Only a first gate: every page, action and handler still checks
// for itself.

const GATED = /^\/(?:profile|setup|admin(?:\/.*)?)$/;

function toSignIn(request: NextRequest): NextResponse {
  const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  const target = new URL('/signin', request.url);
  target.searchParams.set('callbackUrl', back);
  return NextResponse.redirect(target, 307);
}

export async function proxy(request: NextRequest) {
  // The production server answers these before Next (lib/bad-path.mjs); this is for `npm run dev`.
  if (isMalformedPath(request.nextUrl.pathname)) return plainPage(400, badAddressHtml());
  if (request.nextUrl.pathname === '/') return legacyQuery(request);
  if (request.nextUrl.pathname !== '/' && !OWN_ROUTES.test(request.nextUrl.pathname)) return legacyAddress(request);
  if (!GATED.test(request.nextUrl.pathname)) return NextResponse.next();
  if (request.nextUrl.pathname === '/setup') return setupGate(request);
  const raw = SESSION_COOKIES.map((name) => request.cookies.get(name)?.value).find(Boolean);
  if (!raw) return toSignIn(request);
  // Server actions called by script answer refusals in their own form (they check the role).
  if (request.headers.has('next-action')) return NextResponse.next();
  const viewer = await viewerForSession(await decodeSession(raw));
  // A cookie whose account is gone (deleted, or a session its address confirmation ended)
  // is dropped, with the header's name cookie, so no page shows that reader as signed in.
  if (!viewer) return withoutSession(toSignIn(request));
  if (!request.nextUrl.pathname.startsWith('/admin')) return NextResponse.next();
  if (!mayOpenAdminPath(request.nextUrl.pathname, viewer)) return plainPage(403, forbiddenHtml(viewer.name));
  // A post's editor: unknown, trashed or someone else's (for a contributor or an author) is a 404.
  const editing = /^\/admin\/posts\/([^/]+)(?:\/history)?$/.exec(request.nextUrl.pathname);
  if (editing?.[1] && !(await mayEditPostId(viewer, editing[1]))) return plainPage(404, notFoundHtml());
  const term = /^\/admin\/taxonomy\/(categories|tags)\/([^/]+)$/.exec(request.nextUrl.pathname);
  if (term?.[1] && term[2] && !(await termExists(term[1] as 'categories' | 'tags', term[2]))) return plainPage(404, notFoundHtml());
  return NextResponse.next();
}

function withoutSession(response: NextResponse): NextResponse {
  // Browsers ignore a __Secure- cookie (its deletion too) set without Secure.
  for (const name of [...SESSION_COOKIES, ACCOUNT_COOKIE]) response.cookies.delete({ name, path: '/', secure: name.startsWith('__Secure-') || secureCookies() });
  return response;
}

/** The first-admin page: a 403 without the setup link's token, a 404 once an admin can sign in. */
async function setupGate(request: NextRequest): Promise<NextResponse> {
  if (request.headers.has('next-action')) return NextResponse.next();
  const state = await getSetupState(request.nextUrl.searchParams.get('token'));
  if (state === 'bad-token') return plainPage(403, setupRefusedHtml());
  if (state === 'closed') return plainPage(404, notFoundHtml());
  return NextResponse.next();
}

/**
 * WordPress's `/?p=123` and `/?page_id=2` of an imported post: 301 to it. The matcher sends
 * only home-page requests with these parameters here, so the home page itself never waits.
 */
async function legacyQuery(request: NextRequest): Promise<NextResponse> {
  const params = request.nextUrl.searchParams;
  for (const key of ['p', 'page_id']) {
    const id = params.get(key);
    if (!id || !/^\d{1,20}$/.test(id)) continue;
    const slug = await legacyTarget([`/?${key}=${id}`]);
    if (slug) return NextResponse.redirect(new URL(`/post/${slug}`, request.url), 301);
  }
  return NextResponse.next();
}

/**
 * Any other address outside Quire's routes (OWN_ROUTES): an imported post's old one
 * (/2025/01/18/slug, Ghost's /slug, Jekyll's .html, Hugo aliases) answers 301 to it;
 * anything else goes on to Next's own 404 page, rendered whole on the server.
 */
async function legacyAddress(request: NextRequest): Promise<NextResponse> {
  const slug = await legacyTarget(legacyCandidates(request.nextUrl.pathname));
  return slug ? NextResponse.redirect(new URL(`/post/${slug}`, request.url), 301) : NextResponse.next();
}

function plainPage(status: number, html: string): NextResponse {
  return new NextResponse(html, { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'private, no-store' } });
}

// Quire's own routes and files (top-level segments): old addresses of imported posts are
// looked up only outside them (lib/dal/legacy-paths.ts), so no page of the site, the home
// page and post pages above all, waits on that. The matcher below repeats the list (Next
// reads it at build time: it must be a literal). A new top-level route belongs in both; if
// forgotten, its requests pay one indexed lookup, remembered a minute.
const OWN_ROUTES = /^\/(?:_next\/|api\/|post\/|blog$|blog\/|admin|search$|profile$|profile\/(?:data|deleted)$|setup$|signin$|signup|password\/(?:forgot|reset)$|unsubscribe$|uploads\/|og\/|icon\/|apple-icon|favicon\.ico$|manifest\.webmanifest$|rss\.xml$|atom\.xml$|feed\.json$|sitemap\.xml$|sitemaps\/|robots\.txt$|comments\/|screenshots\/|images\/)/;

// `/?p=` and `/?page_id=`: imported WordPress addresses (only home-page requests that carry
// them); then every path outside OWN_ROUTES. The last entry: any path with a percent sign,
// the only kind that can be malformed.
export const config = {
  matcher: [
    '/profile',
    '/admin',
    '/admin/:path*',
    '/setup',
    { source: '/', has: [{ type: 'query', key: 'p' }] },
    { source: '/', has: [{ type: 'query', key: 'page_id' }] },
    '/((?!_next/|api/|post/|blog$|blog/|admin|search$|profile$|profile\/(?:data|deleted)$|setup$|signin$|signup|password/(?:forgot|reset)$|unsubscribe$|uploads/|og/|icon/|apple-icon|favicon\\.ico$|manifest\\.webmanifest$|rss\\.xml$|atom\\.xml$|feed\\.json$|sitemap\\.xml$|sitemaps/|robots\\.txt$|comments/|screenshots/|images/).+)',
    '/(.*%.*)',
  ],
};
