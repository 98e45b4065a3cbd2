import { acceptCspReport } from '@/lib/csp-report';
import { clientAddress } from '@/lib/views/visitor.mjs';

// Content-Security-Policy violation reports from browsers (lib/csp-report.ts): 204, or a 4xx with a message.

export async function POST(request: Request): Promise<Response> {
  const answer = await acceptCspReport({
    address: clientAddress(request.headers.get('x-forwarded-for')),
    contentType: request.headers.get('content-type') ?? '',
    declaredLength: Number(request.headers.get('content-length') ?? '0') || 0,
    read: () => request.text(),
  });
  if (answer.status === 204) return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
  const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
  if (answer.retryAfterS) headers['Retry-After'] = String(answer.retryAfterS);
  return Response.json({ error: answer.error }, { status: answer.status, headers });
}
