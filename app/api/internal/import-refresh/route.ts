import { revalidatePath } from 'next/cache';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { invalidateFromRoute } from '@/lib/cache-invalidation';
import { INTERNAL_KEY_HEADER, isInternalKey } from '@/lib/jobs/internal-key';
import { serverHooks } from '@/server/hooks.mjs';

// After an import from /admin/import, its job (lib/jobs/tasks.ts) asks its own server to
// invalidate the pages the import touched, as publish-due does: revalidateTag works only
// inside a request. A restored archive changed everything: every page is expired.

const NO_STORE = { 'Cache-Control': 'no-store' };
/** More tags than this (a very large import): expiring every page is cheaper than each tag. */
const MAX_TAGS = 5000;
const body = z.union([z.object({ all: z.literal(true) }), z.object({ tags: z.array(z.string().min(1).max(300)).max(100_000) })]);

export async function POST(request: Request): Promise<Response> {
  if (!isInternalKey(request.headers.get(INTERNAL_KEY_HEADER))) return NextResponse.json({ error: 'Not for you.' }, { status: 403, headers: NO_STORE });
  const parsed = body.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return NextResponse.json({ error: 'Send {"tags": [...]} or {"all": true}.' }, { status: 400, headers: NO_STORE });
  if ('all' in parsed.data || parsed.data.tags.length > MAX_TAGS) {
    // The root layout is in every page's implicit tags (as app/api/internal/expire-build).
    revalidatePath('/', 'layout');
    serverHooks().clearMicrocache();
    return NextResponse.json({ expired: 'all' }, { headers: NO_STORE });
  }
  invalidateFromRoute(...parsed.data.tags);
  return NextResponse.json({ expired: parsed.data.tags.length }, { headers: NO_STORE });
}
