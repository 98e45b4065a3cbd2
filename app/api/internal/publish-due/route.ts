import { NextResponse } from 'next/server';
import { invalidateFromRoute } from '@/lib/cache-invalidation';
import { publishDuePosts } from '@/lib/dal/publish-due';
import { INTERNAL_KEY_HEADER, isInternalKey } from '@/lib/jobs/internal-key';

// Scheduled publishing: the publish_due and publish_sweep jobs (lib/jobs/tasks.ts) call
// this on their own server. It publishes what is due and invalidates what shows it; the
// jobs cannot do the invalidation themselves, because revalidateTag works only inside a
// request (outside one Next throws "static generation store missing").

export async function POST(request: Request): Promise<Response> {
  if (!isInternalKey(request.headers.get(INTERNAL_KEY_HEADER))) {
    return NextResponse.json({ error: 'Not for you.' }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  const { published, tags, nextAt } = await publishDuePosts();
  if (tags.length) invalidateFromRoute(...tags);
  return NextResponse.json({ published, nextAt: nextAt?.toISOString() ?? null }, { headers: { 'Cache-Control': 'no-store' } });
}
