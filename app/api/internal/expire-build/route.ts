import { createHmac, timingSafeEqual } from 'node:crypto';
import { revalidatePath } from 'next/cache';
import { NextResponse } from 'next/server';
import { authSecret } from '@/lib/auth/session';

// Build once, run anywhere: `next build` prerenders pages from no database and with the
// build's SITE_URL (lib/build-database.ts). The production server calls this on itself
// before it serves anyone (server/expire-build.mjs): every page, feed and sitemap the
// build wrote is expired at once, so the first request for each renders it from the
// runtime database and SITE_URL, and later ones are cache hits again. Only the server
// itself knows the key (derived from AUTH_SECRET).

function expectedKey(): Buffer {
  return Buffer.from(createHmac('sha256', authSecret()).update('quire:expire-build').digest('base64url'));
}

export async function POST(request: Request): Promise<Response> {
  const given = Buffer.from(request.headers.get('x-quire-expire-build') ?? '');
  const expected = expectedKey();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return NextResponse.json({ error: 'Not for you.' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  // The root layout is in every page's and route's implicit tags: this expires them all
  // ('use cache' entries made while they rendered included).
  revalidatePath('/', 'layout');
  return NextResponse.json({ expired: true }, { headers: { 'Cache-Control': 'no-store' } });
}
