import { NextResponse, type NextRequest } from 'next/server';
import { unsubscribeReplies } from '@/lib/dal/notifications';
import { siteUrl } from '@/lib/site-url';
import { verifyUnsubscribeToken } from '@/lib/mail/unsubscribe';

// The List-Unsubscribe target of reply emails. Mail clients POST "List-Unsubscribe=One-Click"
// to it with the token in the URL (RFC 8058); a form may send the token as a field instead.
// A GET never unsubscribes (link scanners fetch every URL): it leads to the page that asks.

const MAX_BODY_BYTES = 4096;
const NO_STORE = { 'Cache-Control': 'no-store' };

/** The body as text, or null when it is larger than `limit` bytes. */
async function readSmallBody(request: NextRequest, limit: number): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? '0') > limit) return null;
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function tokenFrom(request: NextRequest): Promise<string | null> {
  const fromQuery = request.nextUrl.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const type = request.headers.get('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return null;
  const body = await readSmallBody(request, MAX_BODY_BYTES);
  if (body === null) return null;
  try {
    const field = (await new Response(body, { headers: { 'content-type': type } }).formData()).get('token');
    return typeof field === 'string' ? field : null;
  } catch {
    return null;
  }
}

export async function POST(request: NextRequest): Promise<Response> {
  const token = await tokenFrom(request);
  const userId = token ? verifyUnsubscribeToken(token) : null;
  if (!userId) {
    return NextResponse.json({ error: 'Invalid or incomplete unsubscribe link' }, { status: 400, headers: NO_STORE });
  }
  // A user deleted since the email has nothing left to turn off: still a success.
  await unsubscribeReplies(userId);
  return new Response('Unsubscribed', { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...NO_STORE } });
}

export function GET(request: NextRequest): Response {
  const page = new URL(siteUrl('/unsubscribe'));
  const token = request.nextUrl.searchParams.get('token');
  if (token) page.searchParams.set('token', token);
  return NextResponse.redirect(page, { status: 303, headers: NO_STORE });
}
