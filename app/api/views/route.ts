import { NextResponse, type NextRequest } from 'next/server';
import { recordView } from '@/lib/dal/views';
import { parseViewBeacon, MAX_BEACON_BYTES } from '@/lib/validations/views';
import { clientAddress, isCountableAgent } from '@/lib/views/visitor';

// The view beacon. POST {"postId": "…"} after the page has loaded (navigator.sendBeacon),
// or GET ?p=… from the <noscript> pixel. 204 when accepted, whether or not it counted
// (bots are not told they were skipped); 4xx for a bad beacon, which is never counted.

const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const NO_STORE = { 'Cache-Control': 'no-store' };

function isPrefetch(request: NextRequest): boolean {
  const purpose = request.headers.get('sec-purpose') ?? request.headers.get('purpose') ?? '';
  return /prefetch|prerender/i.test(purpose);
}

async function handle(request: NextRequest, postId: string): Promise<Response | null> {
  const userAgent = request.headers.get('user-agent');
  if (isPrefetch(request) || !isCountableAgent(userAgent)) return null;
  const address = clientAddress(request.headers.get('x-forwarded-for'));
  const result = await recordView(postId, address, userAgent ?? '');
  if (result === 'unknown-post') {
    return NextResponse.json({ error: 'Unknown post' }, { status: 404, headers: NO_STORE });
  }
  return null;
}

export async function POST(request: NextRequest): Promise<Response> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BEACON_BYTES) {
    return NextResponse.json({ error: `Beacon too large (max ${MAX_BEACON_BYTES} bytes)` }, { status: 413, headers: NO_STORE });
  }
  const raw = await request.text();
  const parsed = parseViewBeacon(raw);
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: parsed.status, headers: NO_STORE });
  const failure = await handle(request, parsed.postId);
  return failure ?? new Response(null, { status: 204, headers: NO_STORE });
}

export async function GET(request: NextRequest): Promise<Response> {
  const parsed = parseViewBeacon(JSON.stringify({ postId: request.nextUrl.searchParams.get('p') ?? '' }));
  if (!parsed.ok) return NextResponse.json({ error: parsed.error }, { status: parsed.status, headers: NO_STORE });
  const failure = await handle(request, parsed.postId);
  if (failure) return failure;
  return new Response(PIXEL, { status: 200, headers: { ...NO_STORE, 'Content-Type': 'image/gif' } });
}
