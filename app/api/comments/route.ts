import { NextResponse } from 'next/server';
import { invalidateFromRoute } from '@/lib/cache-invalidation';
import { requestSubmitContext } from '@/lib/comments/context';
import { commentTags, createComment } from '@/lib/comments/service';
import { getViewer } from '@/lib/dal/users';
import { clientIp } from '@/lib/request';
import { siteOrigin } from '@/lib/site-url';

// Comments for clients other than the page's forms (scripts, apps, the bench): JSON in,
// JSON out, the session cookie for identity, and the same checks as the form. Errors are
// worded in the site's language, like the form's.
// POST {"postId", "body", "parentId"?} → 201 {id, held} | 400 | 401 | 403 | 404 | 413 | 429.

const MAX_BYTES = 16 * 1024;
const NO_STORE = { 'Cache-Control': 'no-store' };

export async function POST(request: Request): Promise<Response> {
  const ctx = await requestSubmitContext();
  const m = ctx.t.messages.api;
  // Browsers send Origin on cross-site POSTs; the session cookie is SameSite=Lax anyway.
  const origin = request.headers.get('origin');
  if (origin && origin !== siteOrigin()) {
    return NextResponse.json({ error: m.crossSite }, { status: 403, headers: NO_STORE });
  }
  if (Number(request.headers.get('content-length') ?? '0') > MAX_BYTES) {
    return NextResponse.json({ error: m.tooLarge }, { status: 413, headers: NO_STORE });
  }
  let input: unknown;
  try {
    const raw = await request.text();
    if (raw.length > MAX_BYTES) return NextResponse.json({ error: m.tooLarge }, { status: 413, headers: NO_STORE });
    input = JSON.parse(raw);
  } catch {
    return NextResponse.json({ error: m.sendJson }, { status: 400, headers: NO_STORE });
  }
  const result = await createComment(await getViewer(), input, await clientIp(), ctx);
  if (!result.ok) {
    const headers: Record<string, string> = { ...NO_STORE };
    if (result.retryAfterS) headers['Retry-After'] = String(result.retryAfterS);
    return NextResponse.json({ error: result.message, fieldErrors: result.fieldErrors }, { status: result.status, headers });
  }
  if (!result.held) invalidateFromRoute(...commentTags(result.postId));
  return NextResponse.json({ id: result.id, held: result.held }, { status: 201, headers: NO_STORE });
}
