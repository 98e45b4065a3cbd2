import { createHmac, timingSafeEqual } from 'node:crypto';
import { NextResponse } from 'next/server';
import { authSecret } from '@/lib/auth/session';
import { invalidateFromRoute } from '@/lib/cache-invalidation';
import { publishDuePosts } from '@/lib/dal/admin-posts';

// Scheduled publishing without a cron outside the app: the production server
// (server/server.mjs) calls this on itself when the next scheduled post is due
// (and every 30 s regardless). It publishes what is due and invalidates what shows it.
// Only the server itself knows the key (derived from AUTH_SECRET).

function expectedKey(): Buffer {
  return Buffer.from(createHmac('sha256', authSecret()).update('quire:publish-due').digest('base64url'));
}

export async function POST(request: Request): Promise<Response> {
  const given = Buffer.from(request.headers.get('x-quire-scheduler') ?? '');
  const expected = expectedKey();
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return NextResponse.json({ error: 'Not for you.' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  const { published, tags, nextAt } = await publishDuePosts();
  if (tags.length) invalidateFromRoute(...tags);
  return NextResponse.json({ published, nextAt: nextAt?.toISOString() ?? null }, { headers: { 'Cache-Control': 'no-store' } });
}
